# A command's help lists its own options and says what each means to it
# (issue 22): report's help names no other command's meaning of an
# option; import's --org picks a field, project's --to is where to
# project to; check's -f default is tap, its first format.
gpucap help report | grep -E -- '--(org|to) '
gpucap help report | grep -c -E 'import:|chart:|\(project\)|\(report\)' || true
gpucap help import | grep -E -- '--org '
gpucap help project | grep -E -- '--to '
gpucap help check | grep -E -- '--format '
