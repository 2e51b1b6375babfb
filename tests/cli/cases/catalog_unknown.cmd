gpucap catalog B20O
