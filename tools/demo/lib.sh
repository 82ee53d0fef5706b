# shellcheck shell=bash
# Shared by tools/demo/{up,down,seed}: the topology contract of TESTBED.md and helpers.
# Sourced, not run. Environment knobs (all optional):
#   V6P_RUN             run directory for pid/ready/args files (default /run/v6proxy)
#   V6P_LOG             testbed log file (default /tmp/v6p-testbed.log)
#   V6P_MVN_ARGS        extra Maven arguments for the build, e.g. -Dmaven.repo.local=/path
#                       (MAVEN_OPTS is honoured by mvn itself)
#   V6P_JAVA_OPTS       extra JVM options for the testbed (default -Xmx1g)
#   V6P_READY_TIMEOUT   seconds to wait for the testbed to be ready (default 90)
#   V6P_NAME            prefix of the namespaces, switch interfaces and bridge (default v6p:
#                       v6p-h1..4, v6p-s1..4, v6p-br); another prefix runs a second topology
#                       beside the demo (the cluster end-to-end tests use v6pc)
#   V6P_OF_PORT         OpenFlow controller port of the (first) instance (default 6653)
#   V6P_CLUSTER_PORT    Atomix messaging port of cluster instance 1 (default 9876, ONOS's)
#   V6P_STORAGE_PORT    Atomix messaging port of storage node 1 of 3 (default 5679, ONOS's
#                       Atomix nodes'); nodes 2 and 3 take the next two ports

V6P_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
V6P_RUN=${V6P_RUN:-/run/v6proxy}
V6P_LOG=${V6P_LOG:-/tmp/v6p-testbed.log}
PIDFILE=$V6P_RUN/testbed.pid
READYFILE=$V6P_RUN/testbed.ready
ARGSFILE=$V6P_RUN/testbed.args
OUTFILE=$V6P_RUN/testbed.out
TESTBED_DIR=$V6P_ROOT/tools/testbed/target
DEFAULT_NETCFG=$V6P_ROOT/tools/demo/netcfg.json

# Topology contract: namespace, MAC, address (index 0 = host 1 = switch port 1).
V6P_NAME=${V6P_NAME:-v6p}
HOSTS=("$V6P_NAME-h1" "$V6P_NAME-h2" "$V6P_NAME-h3" "$V6P_NAME-h4")
MACS=(02:00:00:00:00:01 02:00:00:00:00:02 02:00:00:00:00:03 02:00:00:00:00:04)
ADDRS=(2001:db8::1/64 2001:db8::2/64 10.0.0.3/24 10.0.0.4/24)
CLIENT_PREFIX=2001:db8:46::/96
TAP=eth0

# Prints the comment block at the top of the running script (its usage).
print_usage() {
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
}

die() {
    echo "$(basename "$0"): $*" >&2
    exit 1
}

say() {
    echo "$(basename "$0"): $*"
}

need_root() {
    [ "$(id -u)" = 0 ] || die "must run as root (network namespaces and TAP devices)"
}

# True when $1 is a live (not zombie) testbed JVM. PID 1 here does not reap orphans,
# so a stopped testbed may linger as a zombie: that counts as gone.
# This and the helpers below that kill-instance and kill-storage use read files with bash's
# builtins only: on a host at load 15-20 every fork and exec costs a noticeable fraction of a
# second, and each one delays the kill an operator (or a failover test) asked for.
testbed_alive() {
    local arg
    proc_running "$1" || return 1
    while IFS= read -r -d '' arg; do
        [[ $arg == *v6proxy-testbed* ]] && return 0
    done 2>/dev/null < "/proc/$1/cmdline"
    return 1
}

# True when process $1 exists and is not a zombie (the state follows the ") " that ends the
# command name in /proc/PID/stat; the name itself may hold spaces and parentheses).
proc_running() {
    local stat
    [ -n "$1" ] && { read -r stat < "/proc/$1/stat"; } 2>/dev/null || return 1
    stat=${stat##*) }
    [ "${stat%% *}" != Z ]
}

# Prints the pid of the running testbed, if any.
testbed_pid() {
    local pid
    [ -f "$PIDFILE" ] || return 1
    pid=$(cat "$PIDFILE")
    testbed_alive "$pid" && echo "$pid"
}

testbed_jar() {
    ls "$TESTBED_DIR"/v6proxy-testbed-*.jar 2>/dev/null | grep -v -e '-tests.jar' -e '-sources.jar' | head -1
}

# --- cluster instances (tools/demo/up --instances N, N > 1) ---------------------------------
# Instance I (1..N) is a testbed JVM with its own files $V6P_RUN/instance-I.{pid,ready,args,out,role},
# log ${V6P_LOG%.log}-I.log, OpenFlow port OF_PORT+I-1, REST port REST+I-1, Atomix port
# CLUSTER_PORT+I-1; an Atomix client of the storage nodes, no Raft state.
# Storage node K (1..3) is the testbed jar run with --storage-node: files
# $V6P_RUN/storage-K.{pid,ready,args,out,role} (role: its Raft role per partition and the
# partition of the switch's election), log ${V6P_LOG%.log}-storage-K.log, Atomix port
# STORAGE_PORT+K-1, Raft files under $V6P_RUN/cluster/sK.
CLUSTER_PORT=${V6P_CLUSTER_PORT:-9876}
STORAGE_PORT=${V6P_STORAGE_PORT:-5679}
STORAGE_NODES=3
storage_file() { echo "$V6P_RUN/storage-$1.$2"; }
storage_log() { echo "${V6P_LOG%.log}-storage-$1.log"; }
# The storage nodes as --storage takes them: s1=PORT,s2=PORT,s3=PORT.
storage_members() {
    local k out=""
    for ((k = 1; k <= STORAGE_NODES; k++)); do
        out+="${out:+,}s$k=$((STORAGE_PORT + k - 1))"
    done
    echo "$out"
}

# Prints the numbers N of the run files $V6P_RUN/$1-N.pid (kind instance or storage), lowest first.
numbered() {
    local f
    for f in "$V6P_RUN/$1"-*.pid; do
        [ -e "$f" ] || continue
        f=${f##*/"$1"-}
        echo "${f%.pid}"
    done | sort -n
}

# Prints the pid of process $2 of kind $1 (instance or storage) when it runs.
numbered_pid() {
    local pid
    { read -r pid < "$V6P_RUN/$1-$2.pid"; } 2>/dev/null || return 1
    testbed_alive "$pid" && echo "$pid"
}

# True when process $2 of kind $1 runs, whatever it runs yet: right after its start the pid may
# still be the shell that is about to exec the JVM (numbered_pid would call it gone).
numbered_running() {
    local pid
    { read -r pid < "$V6P_RUN/$1-$2.pid"; } 2>/dev/null && proc_running "$pid"
}

# SIGTERM to the pids $2..., then SIGKILL to those still running after 20 s; $1 names them
# ("instance", "storage node") in what it says.
terminate() {
    local what=$1 pid i left
    shift
    for pid in "$@"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for ((i = 0; i < 200; i++)); do
        left=0
        for pid in "$@"; do
            ! testbed_alive "$pid" || left=1
        done
        [ "$left" = 1 ] || break
        sleep 0.1
    done
    for pid in "$@"; do
        if testbed_alive "$pid"; then
            say "$what pid $pid ignored SIGTERM for 20 s; killing it"
            kill -KILL "$pid" 2>/dev/null || true
        fi
    done
    [ $# = 0 ] || say "${what}s stopped (pids $*)"
}

# Prints the numbers of the storage nodes that have a pid file, lowest first.
storage_numbers() { numbered storage; }

# Prints the pid of storage node $1 when it runs.
storage_pid() { numbered_pid storage "$1"; }

# Prints the Raft partition that holds the switch's mastership election (e.g. raft-2), as the
# live storage nodes report it.
election_partition() {
    local k
    for k in $(storage_numbers); do
        storage_pid "$k" >/dev/null || continue
        awk '$1 == "election" { print $3; found = 1 } END { exit !found }' "$(storage_file "$k" role)" \
            2>/dev/null && return 0
    done
    return 1
}

# Prints "K TERM": the live storage node that is LEADER of partition $1 with the newest term.
partition_leader() {
    local k best="" term bestterm=-1
    for k in $(storage_numbers); do
        storage_pid "$k" >/dev/null || continue
        term=$(awk -v p="$1" '$1 == p && $2 == "LEADER" { print $3 }' "$(storage_file "$k" role)" 2>/dev/null)
        if [ -n "$term" ] && [ "$term" -gt "$bestterm" ]; then
            best=$k bestterm=$term
        fi
    done
    [ -n "$best" ] && echo "$best $bestterm"
}

# Stops every storage node (SIGTERM to all, then SIGKILL after 20 s) and removes their files
# and Raft data. Stop the instances (their clients) first.
stop_storage() {
    local k pid pids=()
    for k in $(storage_numbers); do
        ! pid=$(storage_pid "$k") || pids+=("$pid")
    done
    terminate "storage node" ${pids[@]+"${pids[@]}"}
    rm -f "$V6P_RUN"/storage-*.pid "$V6P_RUN"/storage-*.ready "$V6P_RUN"/storage-*.args \
        "$V6P_RUN"/storage-*.out "$V6P_RUN"/storage-*.role "$V6P_RUN"/storage-*.role.tmp \
        "$V6P_RUN"/storage-*.ready.tmp
    rm -rf "$V6P_RUN/cluster"
}
instance_file() { echo "$V6P_RUN/instance-$1.$2"; }
instance_log() { echo "${V6P_LOG%.log}-$1.log"; }

# Prints the numbers of the instances that have a pid file, lowest first.
instance_numbers() { numbered instance; }

# Prints the pid of instance $1 when it runs.
instance_pid() { numbered_pid instance "$1"; }

# Prints the role instance $1 last confirmed on the switch: MASTER|SLAVE GENERATION.
instance_role() {
    local line
    { read -r line < "$V6P_RUN/instance-$1.role"; } 2>/dev/null && echo "$line"
}

# True when the demo's app runs: the one testbed, or at least one cluster instance, ready.
app_up() {
    local n
    [ -f "$READYFILE" ] && testbed_pid >/dev/null && return 0
    for n in $(instance_numbers); do
        [ -f "$(instance_file "$n" ready)" ] && instance_pid "$n" >/dev/null && return 0
    done
    return 1
}

# Stops every instance (SIGTERM to all, then SIGKILL after 20 s) and removes their files.
stop_instances() {
    local n pid pids=()
    for n in $(instance_numbers); do
        ! pid=$(instance_pid "$n") || pids+=("$pid")
    done
    terminate instance ${pids[@]+"${pids[@]}"}
    rm -f "$V6P_RUN"/instance-*.pid "$V6P_RUN"/instance-*.ready "$V6P_RUN"/instance-*.args \
        "$V6P_RUN"/instance-*.out "$V6P_RUN"/instance-*.role "$V6P_RUN"/instance-*.role.tmp \
        "$V6P_RUN"/instance-*.ready.tmp
}

# Stops the cluster: the instances first (the storage nodes' clients), then the storage nodes.
stop_cluster() {
    stop_instances
    stop_storage
}

# Stops the testbed (SIGTERM, then SIGKILL after 20 s) and removes its run files.
stop_testbed() {
    local pid i
    if pid=$(testbed_pid); then
        kill -TERM "$pid" 2>/dev/null || true
        for ((i = 0; i < 200; i++)); do
            testbed_alive "$pid" || break
            sleep 0.1
        done
        if testbed_alive "$pid"; then
            say "testbed $pid ignored SIGTERM for 20 s; killing it"
            kill -KILL "$pid" 2>/dev/null || true
            sleep 0.5
        fi
        say "testbed $pid stopped"
    fi
    rm -f "$PIDFILE" "$READYFILE" "$ARGSFILE"
}

# --- Open vSwitch (the fabric): userspace datapath, daemons under $V6P_OVS_RUN -------------
V6P_OVS_RUN=${V6P_OVS_RUN:-$V6P_RUN/ovs}
OVS_DB_SOCK=$V6P_OVS_RUN/db.sock
# Where ovs-vswitchd and ovsdb-server put their control sockets (and the bridges' .mgmt
# sockets that ovs-ofctl uses), whatever the other paths are.
OVS_CTL_DIR=/var/run/openvswitch
BRIDGE=$V6P_NAME-br
DPID=0000000000000001
OF_PORT=${V6P_OF_PORT:-6653}
# Switch-side interface of host N (a veth end, or a TAP when the link is impaired).
switch_if() { echo "$V6P_NAME-s$(($1 + 1))"; }

ovs_vsctl() {
    ovs-vsctl --db="unix:$OVS_DB_SOCK" --timeout=20 "$@"
}
