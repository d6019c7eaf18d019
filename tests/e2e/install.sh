#!/bin/sh
# install.sh - satreport installed like a Unix tool (issue 11): make install
# into a scratch prefix, `satreport init` + `run` from a folder outside the
# source tree, --version, the man page, bash completion, make uninstall
# removing every installed file; the same with DESTDIR.  `make install-check`
# runs this alone.
. "$(dirname "$0")/lib.sh"

P="$WORK/prefix"
mk() { make -C "$ROOT" --no-print-directory -s "$@"; }
# only the data folders this test sets up: no user's ~/.local/share
export XDG_DATA_HOME="$WORK/xdg"
unset SATREPORT_DATA

if ! command -v scdoc >/dev/null 2>&1; then
    not_ok "scdoc is installed (the man page is built with it: make deps)"
    exit 1
fi

# --- make install ------------------------------------------------------------
expect_rc 0 "make install PREFIX=<scratch>" mk install PREFIX="$P"
check "the program is installed" test -x "$P/bin/satreport"
[ -x "$P/bin/satreport" ] || exit 1
check "the form template is installed" \
    test -f "$P/share/satreport/templates/forms/csat.xml"
check "the example forms are installed" \
    test -f "$P/share/satreport/templates/examples/starter.csv"
check "every shipped template file is installed" sh -c "
    cd '$ROOT/templates' && find . -type f ! -name '.*' | while read -r f; do
        cmp -s \"\$f\" '$P/share/satreport/templates/'\"\$f\" || { echo \"missing \$f\"; exit 1; }
    done"
check "the man page is installed" test -s "$P/share/man/man1/satreport.1"
check "the bash completion is installed" \
    test -s "$P/share/bash-completion/completions/satreport"
check "the documentation is installed" sh -c "
    test -f '$P/share/doc/satreport/README.md' &&
    test -f '$P/share/doc/satreport/formats.md' &&
    test -f '$P/share/doc/satreport/install.md'"
check "nothing is installed outside bin/ and share/" sh -c "
    test -z \"\$(find '$P' -mindepth 1 -maxdepth 1 ! -name bin ! -name share)\""

# --- --version names the data folders ------------------------------------------
expect_rc 0 "satreport --version" "$P/bin/satreport" --version
check "--version names the installed data folder first among the others" \
    grep -q "^  [0-9]*\. $P/share/satreport  (" "$WORK/rc.out"
check "--version names \$XDG_DATA_HOME/satreport" \
    grep -q "$WORK/xdg/satreport  (XDG_DATA_HOME; does not exist)" "$WORK/rc.out"
check "--version says SATREPORT_DATA is not set" \
    grep -q "SATREPORT_DATA is not set" "$WORK/rc.out"
check "the installed program does not look in the source tree" \
    sh -c "! grep -q 'source tree' '$WORK/rc.out'"

# --- init + run in a clean folder ----------------------------------------------
mkdir -p "$WORK/clean"
cd "$WORK/clean" || exit 1
expect_rc 0 "satreport init demo" "$P/bin/satreport" init demo
check "init says how to run it" grep -q "cd demo && satreport run pipeline.ini" "$WORK/rc.out"
check "init wrote the pipeline, the template and the forms" sh -c "
    cd demo && test -s pipeline.ini && test -s forms/csat.xml && test -s input/starter.csv"
check "the template is the installed one" \
    cmp "$WORK/clean/demo/forms/csat.xml" "$P/share/satreport/templates/forms/csat.xml"
check "the pipeline uses relative paths only" sh -c "
    ! grep -E '^[a-z_ ]+= */' '$WORK/clean/demo/pipeline.ini'"
cd demo || exit 1
expect_rc 0 "cd demo && satreport run pipeline.ini" "$P/bin/satreport" run pipeline.ini
check "the run folder is complete" sh -c "
    cd output/demo && test -s report.pdf && test -s statistics.xlsx &&
    test -s stats.csv && test -s rejects.csv && test -s run.log"
check "every example form is accounted for" grep -q "30 read = 29 accepted + 0 refused + 1 out of period" output/demo/run.log
if command -v pdfinfo >/dev/null 2>&1; then
    check "report.pdf is a readable PDF" sh -c "pdfinfo output/demo/report.pdf | grep -q '^Pages: *[1-9]'"
fi
cd / || exit 1
expect_rc 0 "the pipeline runs from any folder" "$P/bin/satreport" run -q "$WORK/clean/demo/pipeline.ini"
cd "$WORK/clean" || exit 1

# --- init refuses to overwrite -------------------------------------------------
cp demo/pipeline.ini "$WORK/pipeline.before"
expect_rc 2 "init into a non-empty folder is refused" "$P/bin/satreport" init demo
check "the refusal names the folder" grep -q "refusing to write into 'demo': it is not empty" "$WORK/rc.out"
check "the refused init changed nothing" cmp demo/pipeline.ini "$WORK/pipeline.before"
touch afile
expect_rc 2 "init onto a file is refused" "$P/bin/satreport" init afile
expect_rc 2 "init without a folder is a usage error" "$P/bin/satreport" init
mkdir empty
expect_rc 0 "init into an existing empty folder" "$P/bin/satreport" init -q empty
check "quiet init prints nothing" test ! -s "$WORK/rc.out"
check "the pipeline is named after the folder" grep -q "^name   = empty" empty/pipeline.ini

# --- SATREPORT_DATA comes first ------------------------------------------------
mkdir -p "$WORK/mydata/templates/forms"
sed 's/title="顾客满意度调查表"/title="我的调查表"/' "$ROOT/templates/forms/csat.xml" \
    >"$WORK/mydata/templates/forms/csat.xml"
SATREPORT_DATA="$WORK/mydata" expect_rc 0 "init with SATREPORT_DATA" "$P/bin/satreport" init mine
check "the form template comes from SATREPORT_DATA" grep -q 'title="我的调查表"' mine/forms/csat.xml
check "the other shipped files still come from the prefix" \
    cmp mine/input/starter.csv "$P/share/satreport/templates/examples/starter.csv"
SATREPORT_DATA="/nonexistent" XDG_DATA_HOME="$WORK/xdg" \
    expect_rc 0 "a missing SATREPORT_DATA folder is skipped" "$P/bin/satreport" init -q other

# --- the man page ----------------------------------------------------------------
check "man shows the page" sh -c "MANWIDTH=80 man -l '$P/share/man/man1/satreport.1' | grep -q 'satreport init'"
check "the man page has a section per command" sh -c "
    MANWIDTH=80 man -l '$P/share/man/man1/satreport.1' >'$WORK/man.txt' &&
    for s in '   run' '   init' 'DATA FOLDERS' 'EXIT STATUS' 'ENVIRONMENT'; do
        grep -q \"^\$s\" '$WORK/man.txt' || { echo \"no section \$s\"; exit 1; }; done"
# every command `satreport --help` lists has a section under COMMANDS (one
# heading may name several: "submit, approve, reject"), so that a new command
# without one fails here
man_covers_help() {
    "$P/bin/satreport" --help | awk '
        /^commands:/    { on = 1; next }
        on && /^$/      { exit }
        on && /^  [a-z]/ { n = split($1, w, "|"); for (i = 1; i <= n; i++) print w[i] }
    ' >"$WORK/help-cmds"
    grep -qx run "$WORK/help-cmds" || { echo "no command list in satreport --help"; return 1; }
    MANWIDTH=80 man -l "$P/share/man/man1/satreport.1" | awk '
        /^COMMANDS$/    { on = 1; next }
        /^[^ ]/         { on = 0 }
        on && /^   [^ ]/ { sub(/^ +/, ""); n = split($0, w, /, */); for (i = 1; i <= n; i++) print w[i] }
    ' >"$WORK/man-cmds"
    missing=0
    while read -r cmd; do
        grep -qxF -- "$cmd" "$WORK/man-cmds" ||
            { echo "satreport --help lists '$cmd', the man page has no section for it"; missing=1; }
    done <"$WORK/help-cmds"
    [ "$missing" -eq 0 ]
}
check "the man page has a section for every command satreport --help lists" man_covers_help
check "the man page formats without warnings" sh -c "
    LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l '$P/share/man/man1/satreport.1' 2>&1 >/dev/null |
    (! grep .)"

# --- bash completion ------------------------------------------------------------
cat >"$WORK/comp.bash" <<EOF
PATH="$P/bin:\$PATH"
. "$P/share/bash-completion/completions/satreport"
t() { COMP_WORDS=("\$@"); COMP_CWORD=\$((\${#COMP_WORDS[@]} - 1)); COMPREPLY=()
      _satreport satreport "\${COMP_WORDS[COMP_CWORD]}" "\${COMP_WORDS[COMP_CWORD-1]}"
      echo "\${COMPREPLY[*]}"; }
cd "$WORK/clean/demo"
echo "commands: \$(t satreport '')"
echo "run: \$(t satreport run '')"
echo "options: \$(t satreport run pipeline.ini --)"
echo "period: \$(t satreport run pipeline.ini --period 2026-Q)"
echo "init: \$(t satreport init -)"
EOF
if command -v bash >/dev/null 2>&1; then
    bash "$WORK/comp.bash" >"$WORK/comp.out" 2>&1
    check "completion offers the commands" grep -q "^commands: .*run.*init" "$WORK/comp.out"
    check "completion offers pipeline files after run" grep -q "^run: .*pipeline.ini" "$WORK/comp.out"
    check "completion offers run's options" grep -q "^options: .*--out.*--period" "$WORK/comp.out"
    check "completion offers periods" grep -q "^period: 2026-Q1 2026-Q2 2026-Q3 2026-Q4" "$WORK/comp.out"
    check "completion offers init's options" grep -q "^init: .*--quiet" "$WORK/comp.out"
fi

# --- make uninstall ----------------------------------------------------------------
expect_rc 0 "make uninstall PREFIX=<scratch>" mk uninstall PREFIX="$P"
check "uninstall removes every installed file" sh -c "test -z \"\$(find '$P' -type f -o -type l)\""
check "uninstall removes the data and doc folders" sh -c "
    test ! -e '$P/share/satreport' && test ! -e '$P/share/doc/satreport'"
check "the user's project is untouched" test -s "$WORK/clean/demo/output/demo/report.pdf"

# --- DESTDIR (what packagers use) -----------------------------------------------
expect_rc 0 "make install DESTDIR=<stage> PREFIX=/usr" mk install DESTDIR="$WORK/stage" PREFIX=/usr
check "DESTDIR install puts everything under the stage" sh -c "
    test -x '$WORK/stage/usr/bin/satreport' &&
    test -f '$WORK/stage/usr/share/satreport/templates/forms/csat.xml' &&
    test -f '$WORK/stage/usr/share/man/man1/satreport.1' &&
    test -z \"\$(find '$WORK/stage' -mindepth 1 -maxdepth 1 ! -name usr)\""
expect_rc 0 "make uninstall DESTDIR=<stage> PREFIX=/usr" mk uninstall DESTDIR="$WORK/stage" PREFIX=/usr
check "DESTDIR uninstall removes every file" sh -c "test -z \"\$(find '$WORK/stage' -type f -o -type l)\""
