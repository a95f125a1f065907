#!/bin/sh
# Regenerates retort-cli/src/main/resources/META-INF/retort/server-driver-classes.txt: the classes that
# Retort's commands load once connected to PostgreSQL and MariaDB (which the launcher's training run,
# having no server, never reaches), minus those the training run loads itself. Needs both servers on
# 127.0.0.1 (postgres / root, as the test suite does) and a built retort-cli/target/retort.jar.
# Run from the repository root after upgrading a JDBC driver.
set -eu
jar=retort-cli/target/retort.jar
out=retort-cli/src/main/resources/META-INF/retort/server-driver-classes.txt
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
flags="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"

mkdir -p "$work/p/migrations/versions"
printf '[retort]\nscript_location = "migrations"\n' > "$work/p/retort.toml"
prev=""
for i in 1 2 3 4 5 6 7 8 9 10; do
  id=$(printf 'c%011d' "$i")
  { echo "-- retort:revision $id"; [ -n "$prev" ] && echo "-- retort:revises $prev"
    echo "-- retort:message step $i"; echo "-- retort:upgrade"; echo "CREATE TABLE t$i (id INTEGER PRIMARY KEY, name VARCHAR(50));"
    echo "-- retort:downgrade"; echo "DROP TABLE t$i;"; } > "$work/p/migrations/versions/$id.sql"
  prev=$id
done

db=retort_classes_$$
psql -X -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $db"
mariadb -h 127.0.0.1 -u root -e "CREATE DATABASE $db"
n=0
for url in "jdbc:postgresql://127.0.0.1:5432/$db?user=postgres" "jdbc:mariadb://127.0.0.1:3306/$db?user=root"; do
  for args in "upgrade head" "current -v" "history -i" "check" "downgrade -1" "stamp head"; do
    n=$((n + 1))
    # shellcheck disable=SC2086
    java $flags -XX:DumpLoadedClassList="$work/run$n.lst" -jar "$jar" -q -c "$work/p/retort.toml" --url "$url" $args >/dev/null 2>&1 || true
  done
done
psql -X -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE $db"
mariadb -h 127.0.0.1 -u root -e "DROP DATABASE $db"

java $flags -Dretort.training.withoutListedClasses=true -XX:DumpLoadedClassList="$work/training.lst" -cp "$jar" dev.retort.cli.Training
grep -hv '^@' "$work"/run*.lst | awk '{print $1}' | grep -v '\$Proxy' | sort -u > "$work/real.txt"
grep -v '^@' "$work/training.lst" | awk '{print $1}' | sort -u > "$work/trained.txt"
{
  sed -n '1,/^[^#]/p' "$out" | grep '^#'
  comm -23 "$work/real.txt" "$work/trained.txt"
} > "$work/new.txt"
mv "$work/new.txt" "$out"
echo "$(grep -vc '^#' "$out") classes in $out"
