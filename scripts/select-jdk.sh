#!/usr/bin/env bash
# Sourced by the project's scripts: points JAVA_HOME at a JDK of release 21 or newer.
# Lucene 10 needs 21+; the default java on our build machines is 17, with Temurin 25 beside it.

java_release() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}

select_jdk() {
  local candidate release
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-* /usr/lib/jvm/temurin-2[1-9]* \
                   /usr/lib/jvm/java-2[1-9]-* /opt/java/openjdk; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    release=$(java_release "$candidate")
    if [ -n "$release" ] && [ "${release%%.*}" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "No JDK 21 or newer found. Install one (e.g. Temurin 25) and set JAVA_HOME." >&2
  return 1
}

select_jdk
