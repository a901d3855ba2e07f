#!/usr/bin/env bash
# Builds ctrl and installs it with a class-data-sharing archive for fast start-up.
#
#   ./install.sh                      # into /usr/local (root) or ~/.local (anyone else)
#   PREFIX=/some/dir ./install.sh     # into /some/dir/bin, /some/dir/lib/ctrl, ...
#
# Environment:
#   PREFIX           install root (default: /usr/local as root, else $HOME/.local)
#   CTRL_JAVA        the java to run ctrl with (default: a Java 25 under /usr/lib/jvm if
#                    present, else `java` on PATH; Java 17 or newer)
#   CTRL_SKIP_BUILD  1: do not run Maven, install the existing target/ctrl.jar (CI builds first)
#
# Layout:
#   $PREFIX/bin/ctrl                       launcher (sh), records the java chosen here
#   $PREFIX/lib/ctrl/ctrl.jar              the application
#   $PREFIX/lib/ctrl/ctrl.aot | ctrl.jsa   AOT cache (Java 25+) or static CDS archive (17-24)
#   $PREFIX/lib/ctrl/native/               sqlite native library, extracted once
#   $PREFIX/share/bash-completion/completions/ctrl, $PREFIX/share/zsh/site-functions/_ctrl
#
# Re-running replaces all of it; the archive is always regenerated for the new jar and java.
set -euo pipefail

say() { printf '%s\n' "$*"; }
warn() { printf 'install.sh: warning: %s\n' "$*" >&2; }
die() { printf 'install.sh: error: %s\n' "$*" >&2; exit 1; }

# Quotes a string for /bin/sh: 'it'\''s'.
shquote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }

SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
JAR_BUILT="$SRC/target/ctrl.jar"

# --- prefix ------------------------------------------------------------------------------
if [ -z "${PREFIX:-}" ]; then
  if [ "$(id -u)" -eq 0 ]; then PREFIX=/usr/local; else PREFIX="$HOME/.local"; fi
fi
mkdir -p "$PREFIX" || die "cannot create PREFIX $PREFIX"
PREFIX=$(cd "$PREFIX" && pwd)   # absolute (logical, so it matches what people put on PATH)
BIN="$PREFIX/bin"
LIB="$PREFIX/lib/ctrl"
LAUNCHER="$BIN/ctrl"

# --- build -------------------------------------------------------------------------------
if [ "${CTRL_SKIP_BUILD:-0}" = 1 ]; then
  [ -f "$JAR_BUILT" ] || die "CTRL_SKIP_BUILD=1 but $JAR_BUILT does not exist: build it first (mvn -B -q -DskipTests package)"
  say "Using existing $JAR_BUILT (CTRL_SKIP_BUILD=1)"
else
  command -v mvn >/dev/null 2>&1 || die "Maven (mvn) is not on PATH; install it, or build elsewhere and use CTRL_SKIP_BUILD=1"
  say "Building with Maven (mvn -B -q -DskipTests package) ..."
  (cd "$SRC" && mvn -B -q -DskipTests package) || die "Maven build failed"
  [ -f "$JAR_BUILT" ] || die "the build did not produce $JAR_BUILT"
fi

# --- java --------------------------------------------------------------------------------
# Prints the feature version (17, 25, ...) of a java binary, or nothing if it does not run.
java_major() {
  local v
  v=$("$1" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1) || true
  case "$v" in
    1.*) v=${v#1.}; printf '%s' "${v%%.*}" ;;
    '') ;;
    *) v=${v%%[.+-]*}; printf '%s' "$v" ;;
  esac
}

abspath() { readlink -f "$1" 2>/dev/null || printf '%s' "$1"; }

JAVA=""
if [ -n "${CTRL_JAVA:-}" ]; then
  JAVA=$(command -v "$CTRL_JAVA" 2>/dev/null) || die "CTRL_JAVA=$CTRL_JAVA: not found or not executable"
  [ -n "$(java_major "$JAVA")" ] || die "CTRL_JAVA=$CTRL_JAVA does not run (tried: $CTRL_JAVA -version)"
else
  shopt -s nullglob
  for candidate in /usr/lib/jvm/temurin-25*/bin/java /usr/lib/jvm/*25*/bin/java; do
    if [ -x "$candidate" ] && [ "$(java_major "$candidate")" = 25 ]; then JAVA=$candidate; break; fi
  done
  shopt -u nullglob
  if [ -z "$JAVA" ]; then
    JAVA=$(command -v java 2>/dev/null) || die "no java found: install Java 17 or newer, or set CTRL_JAVA=/path/to/bin/java"
  fi
fi
JAVA=$(abspath "$JAVA")   # pin the real binary: the archive is only valid for this exact JVM
JAVA_MAJOR=$(java_major "$JAVA")
[ -n "$JAVA_MAJOR" ] || die "$JAVA does not run"
[ "$JAVA_MAJOR" -ge 17 ] 2>/dev/null || die "$JAVA is Java $JAVA_MAJOR; ctrl needs Java 17 or newer (set CTRL_JAVA)"
JAVA_DESC=$("$JAVA" -version 2>&1 | sed -n 2p)
say "Java: $JAVA (Java $JAVA_MAJOR: ${JAVA_DESC:-?})"

# --- clean the previous installation (only what this script installs) ---------------------
mkdir -p "$BIN" "$LIB"
rm -f "$LIB/ctrl.jar" "$LIB/ctrl.aot" "$LIB/ctrl.aot.config" "$LIB/ctrl-ci.aot" "$LIB/ctrl-ci.aot.config" \
  "$LIB/ctrl-create.aot" "$LIB/ctrl-create.aot.config" "$LIB/ctrl.jsa" "$LIB/training.log"
rm -rf "$LIB/native"

cp "$JAR_BUILT" "$LIB/ctrl.jar.tmp"
chmod 644 "$LIB/ctrl.jar.tmp"
mv -f "$LIB/ctrl.jar.tmp" "$LIB/ctrl.jar"
JAR="$LIB/ctrl.jar"

# --- sqlite native library -----------------------------------------------------------------
# sqlite-jdbc otherwise extracts it to /tmp on every start (~90 ms).
NATIVE_DIR="$LIB/native"
NATIVE_NAME=""
native_entry=""
case "$(uname -s)" in
  Linux)
    case "$(uname -m)" in
      x86_64 | amd64) arch=x86_64 ;;
      aarch64 | arm64) arch=aarch64 ;;
      *) arch="" ;;
    esac
    os=Linux
    # not a pipeline: musl's ldd exits 1 after printing its banner, which pipefail would count as no match
    case "$(ldd --version 2>&1 || true)" in *musl* | *Musl*) os=Linux-Musl ;; esac
    [ -n "$arch" ] && native_entry="org/sqlite/native/$os/$arch/libsqlitejdbc.so"
    NATIVE_NAME=libsqlitejdbc.so
    ;;
  Darwin)
    case "$(uname -m)" in
      x86_64) native_entry=org/sqlite/native/Mac/x86_64/libsqlitejdbc.dylib ;;
      arm64 | aarch64) native_entry=org/sqlite/native/Mac/aarch64/libsqlitejdbc.dylib ;;
    esac
    NATIVE_NAME=libsqlitejdbc.dylib
    ;;
esac

extract_entry() { # jar entry dest
  if command -v unzip >/dev/null 2>&1; then
    unzip -p "$1" "$2" >"$3" 2>/dev/null
  elif command -v python3 >/dev/null 2>&1; then
    python3 - "$1" "$2" "$3" <<'EOF'
import shutil, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z, z.open(sys.argv[2]) as src, open(sys.argv[3], "wb") as dst:
    shutil.copyfileobj(src, dst)
EOF
  else
    return 1
  fi
}

NATIVE_OK=0
if [ -n "$native_entry" ]; then
  mkdir -p "$NATIVE_DIR"
  if extract_entry "$JAR" "$native_entry" "$NATIVE_DIR/$NATIVE_NAME" && [ -s "$NATIVE_DIR/$NATIVE_NAME" ]; then
    chmod 755 "$NATIVE_DIR/$NATIVE_NAME"
    NATIVE_OK=1
  else
    warn "could not extract $native_entry from the jar (needs unzip or python3); sqlite-jdbc will extract it at every start"
    rm -rf "$NATIVE_DIR"
  fi
else
  warn "no bundled sqlite native library known for $(uname -s)/$(uname -m); sqlite-jdbc will look for one at every start"
fi

# --- JVM flags (identical for the training run and at run time) ----------------------------
# JVM warnings go to stderr so that they can never corrupt `-o json` output on stdout.
# -XX:-UsePerfData: no hsperfdata file per start (jcmd/jps then do not list ctrl; CTRL_JAVA_OPTS can
# turn it back on). -XX:SurvivorRatio=3: survivor spaces big enough for what `plan` renders while
# it waits to be written; with the default (8) it was promoted, and a full collection followed
# (plan on 100,000 targets: GC pauses 1.4 s -> 0.9 s, peak RSS 490 -> 335 MiB).
# BASE_FLAGS also make the launcher's fallback (any java on PATH); FLAGS add what this java needs.
BASE_FLAGS=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:SurvivorRatio=3 -XX:-UsePerfData -Xlog:disable
  -Xlog:all=warning:stderr -Dorg.jooq.no-logo=true -Dorg.jooq.no-tips=true)
if [ "$NATIVE_OK" = 1 ]; then
  # tmpdir: where sqlite-jdbc looks for stale copies of its library to delete on every start; in a
  # busy /tmp that listing alone cost tens of milliseconds.
  BASE_FLAGS+=("-Dorg.sqlite.lib.path=$NATIVE_DIR" "-Dorg.sqlite.lib.name=$NATIVE_NAME" "-Dorg.sqlite.tmpdir=$NATIVE_DIR")
fi
FLAGS=("${BASE_FLAGS[@]}")
if [ "$JAVA_MAJOR" -ge 22 ]; then FLAGS+=(--enable-native-access=ALL-UNNAMED); fi     # sqlite-jdbc System.load
if [ "$JAVA_MAJOR" -ge 23 ]; then FLAGS+=(--sun-misc-unsafe-memory-access=allow); fi  # protobuf (CEL)
# 8-byte object headers (a product flag from 25, JEP 519): `plan` holds millions of small objects;
# at 1,000,000 targets peak RSS 1.28 -> 1.18 GiB and less for the collector to copy.
if [ "$JAVA_MAJOR" -ge 25 ]; then FLAGS+=(-XX:+UseCompactObjectHeaders); fi
# Transparent huge pages for the heap, where the kernel offers them (madvise or always): the
# collector's first touch of fresh heap is then one fault per 2 MiB, not per 4 KiB. On this kind
# of VM a page fault is expensive: `plan` at 100,000 targets spent 0.87 s in GC pauses without,
# 0.36-0.70 s with. Where the kernel has them off, the JVM would warn at every start: probed here.
# The JVM must also start with the flag: it is Linux-only, and elsewhere the JVM refuses it.
if thp_warnings=$("$JAVA" -XX:+UseTransparentHugePages -Xlog:disable -Xlog:all=warning:stdout -version 2>/dev/null) \
    && [ -z "$thp_warnings" ]; then
  FLAGS+=(-XX:+UseTransparentHugePages)
fi

# --- class-data-sharing archive -------------------------------------------------------------
# Tied to this jar (path, size, mtime) and this JVM build: created here, after copying the jar.
if [ "$JAVA_MAJOR" -ge 25 ]; then
  ARCHIVE_KIND="AOT cache"
  ARCHIVE="$LIB/ctrl.aot"
  DUMP_FLAGS=()
  TRAIN_FLAGS=("-XX:AOTCacheOutput=$ARCHIVE")
  RUN_FLAGS=("-XX:AOTCache=$ARCHIVE")        # AOTCache refuses an explicit -Xshare flag
  CHECK_FLAGS=("-XX:AOTCache=$ARCHIVE" -XX:AOTMode=on)
  NO_ARCHIVE_FLAGS=()
else
  ARCHIVE_KIND="CDS archive"
  ARCHIVE="$LIB/ctrl.jsa"
  # A static archive (the training run lists the classes it loads, then -Xshare:dump archives
  # them). A dynamic one (-XX:ArchiveClassesAtExit) skips picocli, whose Java 5 class files it
  # cannot hold: ~100 ms of every start on Java 17.
  CLASSLIST="$LIB/ctrl.classlist"
  TRAIN_FLAGS=("-XX:DumpLoadedClassList=$CLASSLIST" -Xshare:auto)
  DUMP_FLAGS=(-Xshare:dump "-XX:SharedClassListFile=$CLASSLIST" "-XX:SharedArchiveFile=$ARCHIVE")
  RUN_FLAGS=("-XX:SharedArchiveFile=$ARCHIVE" -Xshare:auto)
  CHECK_FLAGS=("-XX:SharedArchiveFile=$ARCHIVE" -Xshare:on)
  NO_ARCHIVE_FLAGS=(-Xshare:auto)
  # Map the archive at the address it was written for. Debian's 17 maps it elsewhere on every
  # start and patches every pointer in it: ~120 ms for ~60 MB, more than half of what the archive
  # saves. A failed mapping still falls back to relocating. (Measured neutral on 25's AOT cache.)
  RUN_FLAGS+=(-XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0)
  CHECK_FLAGS+=(-XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0)
fi

say "Creating the $ARCHIVE_KIND (training run: ctrl __training) ..."
LOG=$(mktemp "${TMPDIR:-/tmp}/ctrl-training.XXXXXX")
TRAIN_PROJECT=""
trap 'rm -rf "$LOG" ${TRAIN_PROJECT:+"$TRAIN_PROJECT"}' EXIT
ARCHIVE_OK=0
rm -f "$ARCHIVE"
if (cd "${TMPDIR:-/tmp}" && "$JAVA" "${TRAIN_FLAGS[@]}" "${FLAGS[@]}" -Dctrl.tty=false -jar "$JAR" __training) \
  </dev/null >"$LOG" 2>&1 \
  && { [ ${#DUMP_FLAGS[@]} -eq 0 ] || "$JAVA" "${DUMP_FLAGS[@]}" "${FLAGS[@]}" -cp "$JAR" </dev/null >>"$LOG" 2>&1; } \
  && [ -s "$ARCHIVE" ]; then
  # Prove the JVM really maps it (strict mode fails instead of silently ignoring the archive).
  if "$JAVA" "${CHECK_FLAGS[@]}" "${FLAGS[@]}" -Dctrl.tty=false -jar "$JAR" --version </dev/null >>"$LOG" 2>&1; then
    ARCHIVE_OK=1
  else
    warn "the $ARCHIVE_KIND was created but the JVM cannot use it; installing without it. Output:"
    sed 's/^/  | /' "$LOG" >&2
  fi
else
  warn "creating the $ARCHIVE_KIND failed; installing without it (start-up will be slower). Output:"
  sed 's/^/  | /' "$LOG" >&2
fi
rm -f "${CLASSLIST:-}"
if [ "$ARCHIVE_OK" = 1 ]; then
  chmod 644 "$ARCHIVE"
else
  rm -f "$ARCHIVE" "$ARCHIVE.config"
  RUN_FLAGS=(${NO_ARCHIVE_FLAGS[@]+"${NO_ARCHIVE_FLAGS[@]}"})
fi

# An AOT cache loads and links every class it holds at start, so the commands CI runs on every
# build get caches trained on them alone: `version create` (and `--version`) one without jOOQ,
# CEL, YAML or HTTP (~21 MB); version, get, approve, reject and job one without CEL, YAML or HTTP.
# Each saves ~100 ms on its commands against the full cache.
CREATE_ARCHIVE_OK=0
CI_ARCHIVE_OK=0
if [ "$ARCHIVE_OK" = 1 ] && [ "$JAVA_MAJOR" -ge 25 ]; then
  CREATE_ARCHIVE="$LIB/ctrl-create.aot"
  CI_ARCHIVE="$LIB/ctrl-ci.aot"
  TRAIN_PROJECT=$(mktemp -d "${TMPDIR:-/tmp}/ctrl-training-ci.XXXXXX")
  # The project the trainings run in: made once by init and apply, in a JVM that records nothing
  # (apply loads YAML and CEL), and copied for each training.
  PREPARED=0
  if "$JAVA" "${RUN_FLAGS[@]}" "${FLAGS[@]}" -Dctrl.tty=false -jar "$JAR" __training prepare "$TRAIN_PROJECT/prepared" \
    </dev/null >"$LOG" 2>&1; then
    PREPARED=1
  fi
  # make_ci_cache FILE WORKLOAD: trains FILE on `ctrl __training WORKLOAD` in a copy of that project.
  make_ci_cache() {
    local file=$1 workload=$2 project
    project="$TRAIN_PROJECT/$workload"
    say "Creating the AOT cache for CI commands (training run: ctrl __training $workload) ..."
    if [ "$PREPARED" = 1 ] && cp -R "$TRAIN_PROJECT/prepared" "$project" \
      && "$JAVA" "-XX:AOTCacheOutput=$file" "${FLAGS[@]}" -Dctrl.tty=false -jar "$JAR" __training "$workload" "$project" \
        </dev/null >"$LOG" 2>&1 \
      && [ -s "$file" ] \
      && "$JAVA" "-XX:AOTCache=$file" -XX:AOTMode=on "${FLAGS[@]}" -Dctrl.tty=false -jar "$JAR" --version \
        </dev/null >>"$LOG" 2>&1; then
      chmod 644 "$file"
    else
      warn "creating the AOT cache $file failed; its commands use the full one. Output:"
      sed 's/^/  | /' "$LOG" >&2
      rm -f "$file" "$file.config"
      return 1
    fi
  }
  if make_ci_cache "$CREATE_ARCHIVE" create; then CREATE_ARCHIVE_OK=1; fi
  if make_ci_cache "$CI_ARCHIVE" ci; then CI_ARCHIVE_OK=1; fi
  rm -rf "$TRAIN_PROJECT"
fi

# --- launcher ------------------------------------------------------------------------------
# Words of a shell command line, each quoted for sh.
shwords() { local w out=""; for w in "$@"; do out+=" $(shquote "$w")"; done; printf '%s' "${out# }"; }

FALLBACK_FLAGS=("${BASE_FLAGS[@]}")

# With CI caches, the launcher picks the cache by the command words (global options skipped).
launcher_archive_choice() {
  [ "$CREATE_ARCHIVE_OK" = 1 ] || [ "$CI_ARCHIVE_OK" = 1 ] || return 0
  local full create ci
  full=$(shquote "-XX:AOTCache=$ARCHIVE")
  create=$full
  ci=$full
  if [ "$CREATE_ARCHIVE_OK" = 1 ]; then create=$(shquote "-XX:AOTCache=$CREATE_ARCHIVE"); fi
  if [ "$CI_ARCHIVE_OK" = 1 ]; then ci=$(shquote "-XX:AOTCache=$CI_ARCHIVE"); fi
  printf '%s\n' \
    "# The AOT cache trained on this command: $CREATE_ARCHIVE for version create and --version," \
    "# $CI_ARCHIVE for other CI commands, $ARCHIVE for the rest." \
    "aot=$full" \
    'top=' \
    'skip=false' \
    'for a in "$@"; do' \
    '  if $skip; then skip=false; continue; fi' \
    '  case $a in' \
    '    --db | -o | --output) skip=true ;;' \
    "    --version | -V) if [ -z \"\$top\" ]; then aot=$create; break; fi ;;" \
    '    -*) ;;' \
    '    *)' \
    '      if [ -n "$top" ]; then' \
    "        if [ \"\$a\" = create ]; then aot=$create; fi" \
    '        break' \
    '      fi' \
    '      top=$a' \
    '      case $a in' \
    "        version) aot=$ci ;;" \
    "        get | approve | reject | job) aot=$ci; break ;;" \
    '        *) break ;;' \
    '      esac ;;' \
    '  esac' \
    'done'
}
launcher_run_flags() {
  if [ "$CREATE_ARCHIVE_OK" = 1 ] || [ "$CI_ARCHIVE_OK" = 1 ]; then
    printf '"$aot"'
  else
    shwords ${RUN_FLAGS[@]+"${RUN_FLAGS[@]}"}
  fi
}

tmp_launcher="$LAUNCHER.tmp.$$"
cat >"$tmp_launcher" <<EOF
#!/bin/sh
# ctrl launcher, written by install.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ). Re-run install.sh to update.
# The $ARCHIVE_KIND in $LIB is valid only for the java below and this exact ctrl.jar.
# CTRL_JAVA_OPTS adds JVM flags (word-split).
JAVA=$(shquote "$JAVA")
JAR=$(shquote "$JAR")
if [ -t 1 ]; then tty=true; else tty=false; fi
$(launcher_archive_choice)
if [ -x "\$JAVA" ]; then
  # shellcheck disable=SC2086
  exec "\$JAVA" $(launcher_run_flags) $(shwords "${FLAGS[@]}") -Dctrl.tty="\$tty" \$CTRL_JAVA_OPTS -jar "\$JAR" "\$@"
fi
echo "ctrl: \$JAVA is gone; using java from PATH without the start-up archive (re-run install.sh)" >&2
# shellcheck disable=SC2086
exec java $(shwords "${FALLBACK_FLAGS[@]}") -Dctrl.tty="\$tty" \$CTRL_JAVA_OPTS -jar "\$JAR" "\$@"
EOF
chmod 755 "$tmp_launcher"
mv -f "$tmp_launcher" "$LAUNCHER"

# --- shell completions -----------------------------------------------------------------------
BASH_COMP="$PREFIX/share/bash-completion/completions/ctrl"
ZSH_COMP="$PREFIX/share/zsh/site-functions/_ctrl"
rm -f "$BASH_COMP" "$ZSH_COMP"
COMPLETIONS=()
if [ -f "$SRC/completions/ctrl.bash" ]; then
  mkdir -p "$(dirname "$BASH_COMP")"
  cp "$SRC/completions/ctrl.bash" "$BASH_COMP" && chmod 644 "$BASH_COMP"
  COMPLETIONS+=("bash: $BASH_COMP")
fi
if [ -f "$SRC/completions/_ctrl" ]; then
  mkdir -p "$(dirname "$ZSH_COMP")"
  cp "$SRC/completions/_ctrl" "$ZSH_COMP" && chmod 644 "$ZSH_COMP"
  COMPLETIONS+=("zsh: $ZSH_COMP")
fi

# --- smoke check and summary -------------------------------------------------------------------
"$LAUNCHER" --version </dev/null >/dev/null || die "the installed launcher does not run: $LAUNCHER --version"

say ""
say "Installed ctrl: $LAUNCHER"
say "  jar:         $JAR"
say "  java:        $JAVA (Java $JAVA_MAJOR)"
if [ "$ARCHIVE_OK" = 1 ]; then
  say "  start-up:    $ARCHIVE_KIND $ARCHIVE ($(du -h "$ARCHIVE" | cut -f1))"
else
  say "  start-up:    no archive (creation failed, see the warning above)"
fi
if [ "$NATIVE_OK" = 1 ]; then say "  sqlite lib:  $NATIVE_DIR/$NATIVE_NAME"; fi
if [ "${#COMPLETIONS[@]}" -gt 0 ]; then
  for c in "${COMPLETIONS[@]}"; do say "  completion:  $c"; done
else
  say "  completion:  none installed (no completions/ files; try: ctrl completion bash)"
fi
case ":$PATH:" in
  *":$BIN:"* | *":$BIN/:"*) ;;
  *)
    say ""
    say "$BIN is not on your PATH. Add this line to your shell profile (~/.bashrc, ~/.zshrc):"
    bin_dq=$(printf '%s' "$BIN" | sed 's/[\\"$`]/\\&/g')   # safe inside "..."
    say "  export PATH=\"$bin_dq:\$PATH\""
    ;;
esac
