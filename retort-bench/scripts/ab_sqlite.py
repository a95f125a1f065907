#!/usr/bin/env python3
"""A/B of two Retort launchers on one generated SQLite project of N revisions.

Usage: ab_sqlite.py OLD_LAUNCHER NEW_LAUNCHER [--rounds 20] [--revisions 1000] [--dir /tmp/retort-ab]

Runs `upgrade head` on an empty database and cold `current` on the migrated one with each launcher, alternating
which goes first every round, and prints the medians and the median of the paired ratios new/old. The old launcher
is another checkout's `./retort` (`git worktree add --detach /tmp/abold REV`, then
`mvn -B -q -pl retort-cli -am package -DskipTests` there). The chain is the RuntimeBench's shape: every fourth
revision creates a table, the others add a column, create an index, add another column.
"""
import argparse, os, shutil, statistics, subprocess, time


def generate(folder, revisions):
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(os.path.join(folder, "proj", "versions"))
    previous = ""
    for i in range(1, revisions + 1):
        rid = "r%011d" % i
        t, k = (i - 1) // 4, (i - 1) % 4
        up, down = [
            (f"CREATE TABLE t{t} (id INTEGER PRIMARY KEY, a INTEGER);", f"DROP TABLE t{t};"),
            (f"ALTER TABLE t{t} ADD COLUMN b INTEGER;", f"ALTER TABLE t{t} DROP COLUMN b;"),
            (f"CREATE INDEX ix{t} ON t{t} (a);", f"DROP INDEX ix{t};"),
            (f"ALTER TABLE t{t} ADD COLUMN c TEXT;", f"ALTER TABLE t{t} DROP COLUMN c;"),
        ][k]
        with open(os.path.join(folder, "proj", "versions", rid + ".sql"), "w") as f:
            f.write(f"-- retort:revision {rid}\n-- retort:revises {previous}\n-- retort:message m{i}\n\n"
                    f"-- retort:upgrade\n{up}\n\n-- retort:downgrade\n{down}\n")
        previous = rid
    with open(os.path.join(folder, "retort.toml"), "w") as f:
        f.write('[retort]\nscript_location = "proj"\nurl = "sqlite:///app.db"\n')


def timed(launcher, folder, command):
    if command == "upgrade":
        for name in os.listdir(folder):
            if name.startswith("app.db"):
                os.remove(os.path.join(folder, name))
    args = [launcher, "upgrade", "head"] if command == "upgrade" else [launcher, "current"]
    start = time.perf_counter()
    subprocess.run(args, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main():
    p = argparse.ArgumentParser()
    p.add_argument("old")
    p.add_argument("new")
    p.add_argument("--rounds", type=int, default=20)
    p.add_argument("--revisions", type=int, default=1000)
    p.add_argument("--dir", default="/tmp/retort-ab")
    a = p.parse_args()
    launchers = {"old": os.path.abspath(a.old), "new": os.path.abspath(a.new)}
    generate(a.dir, a.revisions)
    for command in ("upgrade", "current"):
        for which in ("old", "new"):  # warm-up: builds, class-data archives, the page cache
            timed(launchers[which], a.dir, "upgrade")
        times = {"old": [], "new": []}
        ratios = []
        for i in range(a.rounds):
            got = {}
            for which in (("old", "new") if i % 2 == 0 else ("new", "old")):
                got[which] = timed(launchers[which], a.dir, command)
            times["old"].append(got["old"])
            times["new"].append(got["new"])
            ratios.append(got["new"] / got["old"])
        print("%-8s %d rounds: old median %.3f s, new median %.3f s, paired new/old median %.3f"
              % (command, a.rounds, statistics.median(times["old"]), statistics.median(times["new"]), statistics.median(ratios)))


if __name__ == "__main__":
    main()
