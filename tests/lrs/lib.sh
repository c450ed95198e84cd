# What the LRS and cmi5 test scripts share (sourced, with $here set): the
# program under test and the pass/fail counting.
root=$(cd "$here/../.." && pwd)
compel=${COMPEL:-$root/build/compel}
case $compel in /*) ;; *) compel=$root/$compel ;; esac
pass=0
fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { local what=$1; shift; if "$@"; then ok; else bad "$what"; fi; }
