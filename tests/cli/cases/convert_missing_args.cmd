gpucap convert 5
