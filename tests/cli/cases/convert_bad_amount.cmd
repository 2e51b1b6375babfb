gpucap convert 5x H100
