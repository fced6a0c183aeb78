#!/bin/sh
# Makes the command line's class-data-sharing archive (TARGET/sagemaker-gitops.jsa) for the jar the
# build just shaded (TARGET/sagemaker-gitops.jar), with the JVM JAVA names; run by cli/pom.xml at
# package. Training takes tens of seconds, so it runs only when the jar's bytes or the JVM changed:
# the shaded jar is reproducible (project.build.outputTimestamp), and the checksum of its bytes and
# of `java -version` is kept next to the archive (sagemaker-gitops.jsa.sha256).
#
# The JVM takes an archive only for the very jar file it was made with, same size and same
# modification time; anything else and the launcher starts without it, silently (-Xshare:auto).
# The shade plugin writes the jar again on every package, with the same bytes but a new time. So
# the stamp keeps the trained jar's modification time as its own, and a jar whose bytes are
# unchanged gets that time back.
set -e
jar="$TARGET/sagemaker-gitops.jar"; jsa="$TARGET/sagemaker-gitops.jsa"; stamp="$jsa.sha256"
# "v2": stamps written before they kept the jar's time do not match, so the archive is made again once.
sum=$( { echo v2; "$JAVA" -version 2>&1; sha256sum < "$jar"; } | sha256sum )
if [ -f "$jsa" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then
  touch -r "$stamp" "$jar"
  echo "class-data-sharing archive is up to date with the jar: not trained again"
else
  rm -f "$stamp"
  # C1 only and the serial collector, as the launcher runs the jar: the archive holds the same
  # classes (60.7 MB either way), and the run took 10.0 s of CPU instead of 13.9 s with C2 and G1.
  "$JAVA" -XX:ArchiveClassesAtExit="$jsa" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
    -Xlog:cds=off -Xlog:cds+dynamic=off -cp "$jar" dev.sagemakergitops.cli.CdsTraining
  echo "$sum" > "$stamp"
  touch -r "$jar" "$stamp"
fi
