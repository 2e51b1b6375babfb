gpucap convert 5 H10O
