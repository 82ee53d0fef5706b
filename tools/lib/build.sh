# shellcheck shell=bash
# Sourced by the commands README shows a new user (tools/demo/up, tools/bench/e2e,
# tools/xlat): build what a command runs when it is missing or older than its sources,
# so a fresh clone works and a changed app is never run from a stale jar.
# Knobs: V6P_MVN_ARGS (extra Maven arguments, e.g. -Dmaven.repo.local=PATH or -o);
# MAVEN_OPTS is honoured by mvn itself.

V6P_BUILD_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# v6p_stale JAR LIBDIR [MODULE]...: true when JAR or LIBDIR is missing, or when a source
# file or pom of the app's modules (api, app, cli, web) or of MODULE is newer than JAR.
v6p_stale() {
    local jar=$1 lib=$2 r=$V6P_BUILD_ROOT dirs=() m
    shift 2
    [ -n "$jar" ] && [ -f "$jar" ] && [ -d "$lib" ] || return 0
    for m in api app cli web "$@"; do
        dirs+=("$r/$m/pom.xml" "$r/$m/src")
    done
    [ -n "$(find "$r/pom.xml" "$r/tools/pom.xml" "${dirs[@]}" -newer "$jar" -type f -print -quit \
        2>/dev/null)" ]
}

# v6p_build MODULE...: builds MODULE and what it needs, without tests. The app's .oar
# step stages the cli and web bundles from the local repository, so they are always in
# the same reactor (they install themselves at package; see ONOS-BUILD.md's trap).
v6p_build() {
    local pl="api,cli,web,app" m
    for m in "$@"; do
        pl="$pl,$m"
    done
    echo "$(basename "$0"): building $pl (mvn install -DskipTests)" >&2
    # shellcheck disable=SC2086
    (cd "$V6P_BUILD_ROOT" && JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}" \
        mvn -B -q -Dstyle.color=never ${V6P_MVN_ARGS:-} -pl "$pl" -am install -DskipTests) >&2
}
