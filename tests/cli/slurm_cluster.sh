#!/bin/bash
# A single-node Slurm cluster from Debian's packages (munged, slurmctld, slurmd), configured
# in a temporary folder, for tst_cli_slurm_cluster. Root only (proctrack/linuxproc, task/none).
#   slurm_cluster.sh start DIR     start munge and Slurm; prints nothing, exits 0 when the node is idle
#   slurm_cluster.sh stop DIR      stop them (what start left running)
# Then run sbatch, squeue, scancel with SLURM_CONF=DIR/slurm.conf.
set -euo pipefail
action=$1 dir=$2

stop() {
    for pid in "$dir"/slurmd.pid "$dir"/slurmctld.pid "$dir"/munged.pid; do
        [[ -f $pid ]] && kill "$(cat "$pid")" 2>/dev/null || true
    done
    sleep 1
}

if [[ $action == stop ]]; then
    stop
    exit 0
fi

mkdir -p "$dir"/state "$dir"/spool "$dir"/munge
chmod 700 "$dir"/munge
dd if=/dev/urandom of="$dir"/munge/munge.key bs=1024 count=1 status=none
chmod 400 "$dir"/munge/munge.key
munged --key-file="$dir"/munge/munge.key --socket="$dir"/munge/munge.sock \
    --pid-file="$dir"/munged.pid --log-file="$dir"/munge/munged.log --seed-file="$dir"/munge/seed \
    --force

host=$(hostname -s)
# Ports of our own, so a Slurm already on the machine is not disturbed.
base=$((20000 + RANDOM % 20000))
cat > "$dir"/slurm.conf <<CONF
ClusterName=fxrack-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$base
SlurmdPort=$((base + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.sock
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/builtin
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
ReturnToService=2
SlurmdTimeout=30
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$dir/slurm.conf
slurmctld -i -f "$SLURM_CONF"
slurmd -f "$SLURM_CONF"
for _ in $(seq 1 60); do
    if sinfo -h -o %t 2>/dev/null | grep -qE '^(idle|mix|alloc)'; then
        exit 0
    fi
    sleep 1
done
echo "slurm_cluster.sh: the node did not come up; see $dir/*.log" >&2
tail -5 "$dir"/slurmctld.log "$dir"/slurmd.log >&2 || true
stop
exit 1
