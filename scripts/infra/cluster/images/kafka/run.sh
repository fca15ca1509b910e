#!/bin/sh
# KAFKA_FOO_BAR=x becomes foo.bar=x in server.properties (as apache/kafka's image does), the KRaft
# storage is formatted once (a second format is ignored), then the broker runs as PID 1.
set -eu
conf=/opt/kafka/config/server.properties
: > "$conf"
env | grep '^KAFKA_' | grep -v -E '^KAFKA_(HEAP_OPTS|OPTS|JVM_PERFORMANCE_OPTS|LOG4J_OPTS)=' | while IFS='=' read -r k v; do
  echo "$(echo "${k#KAFKA_}" | tr 'A-Z_' 'a-z.')=$v" >> "$conf"
done
cp="/opt/kafka/libs/*"
java -cp "$cp" kafka.tools.StorageTool format --ignore-formatted --cluster-id "${CLUSTER_ID:-5L6g3nShT-eMCtK--X86sw}" --config "$conf"
exec java ${KAFKA_HEAP_OPTS:--Xmx512m} -XX:+UseG1GC -Djava.awt.headless=true -cp "$cp" kafka.Kafka "$conf"
