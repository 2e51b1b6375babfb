# --help goes to stdout and exits 0; the version is one line.
gpucap --help | head -n 1 && gpucap report --help | head -n 1 && gpucap help convert | head -n 1 && gpucap --version
