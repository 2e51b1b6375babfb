# No command: the usage goes to stderr with exit 2.
gpucap 2>&1 | head -n 1
exit $(gpucap >/dev/null 2>&1; echo $?)
