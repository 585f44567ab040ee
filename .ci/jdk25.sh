# Sourced by .ci/run and bench/run.sh (POSIX sh): sets JAVA_HOME and PATH to a JDK 25, the
# current LTS the project builds and runs with. This kind of machine has Temurin 25 beside the
# default OpenJDK 17: use the JAVA_HOME given if it is a 25, else find one; never use another.
java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ { print $2 }'
}
if [ -z "${JAVA_HOME:-}" ] || [ "$(java_major "$JAVA_HOME" 2>/dev/null)" != 25 ]; then
  JAVA_HOME=
  for candidate in /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25-* /usr/lib/jvm/*25*; do
    if [ -x "$candidate/bin/java" ] && [ "$(java_major "$candidate")" = 25 ]; then
      JAVA_HOME=$candidate
      break
    fi
  done
  if [ -z "$JAVA_HOME" ]; then
    echo "This needs a JDK 25 (e.g. Temurin 25 under /usr/lib/jvm) and found none; set JAVA_HOME to one" >&2
    exit 1
  fi
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
