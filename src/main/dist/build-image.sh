#!/bin/sh
# Builds the Herald runtime image: build-image.sh JDK_HOME BUILD_DIR
# - jlink a runtime holding only the modules Herald needs, from the build's JDK: the toolchain's
#   (TOOLCHAIN_JAVA_HOME, set by exec-maven-plugin when one was selected), else JDK_HOME;
# - lay out app/herald.jar with its dependencies in app/lib/ and the launcher in bin/herald;
# - train a start-up cache by piping a representative session through the server: an AOT cache
#   (JEP 483/514/515) on JDK 25+, otherwise a dynamic CDS archive.
set -eu
jdk=${TOOLCHAIN_JAVA_HOME:-$1}
build=$2
src=$(cd "$(dirname "$0")" && pwd -P)
image=$build/herald
modules=java.base,java.logging,jdk.unsupported,jdk.httpserver
# Heap for a pipe server: at most 256 MiB (MaxRAM/4, room for one 16 MiB message), a fixed 16 MiB
# young generation with large survivor spaces, so the frames queued for a client (at most a few
# MiB: the transport's byte budgets) die young instead of filling the old generation in a flood.
flags="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xss512k -XX:MaxRAM=1g -Xmn16m -XX:SurvivorRatio=2 -XX:TargetSurvivorRatio=90"

rm -rf "$image"
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
    --generate-cds-archive --output "$image"
mkdir -p "$image/app/lib"
cp "$build/herald.jar" "$image/app/"
cp "$build"/lib/*.jar "$image/app/lib/"
sed "s|@FLAGS@|$flags|" "$src/herald" > "$image/bin/herald"
chmod +x "$image/bin/herald"

# shellcheck disable=SC2086
if "$image/bin/java" -XX:AOTCacheOutput="$build/probe.aot" -version >/dev/null 2>&1; then
    rm -f "$build/probe.aot"
    HERALD_HOME="$build/training-home" "$image/bin/java" $flags -XX:AOTCacheOutput="$image/lib/herald.aot" -Xlog:aot=warning,cds=warning \
        -jar "$image/app/herald.jar" < "$src/training.jsonl" > /dev/null 2> "$build/aot-training.log"
    # The AOT cache holds the JDK's classes too, so the default CDS archives are never mapped (28 MB):
    # classes_nocoops.jsa only serves heaps over 32 GB, which MaxRAM=1g rules out.
    rm -f "$image/lib/server/classes.jsa" "$image/lib/server/classes_nocoops.jsa"
else
    HERALD_HOME="$build/training-home" "$image/bin/java" $flags -XX:ArchiveClassesAtExit="$image/lib/herald.jsa" \
        -jar "$image/app/herald.jar" < "$src/training.jsonl" > /dev/null 2> "$build/cds-training.log"
    sed -i 's|^aot=""$|aot=""; [ -f "$home/lib/herald.jsa" ] \&\& aot="-XX:SharedArchiveFile=$home/lib/herald.jsa"|' "$image/bin/herald"
fi
echo "Herald image: $image (launcher $image/bin/herald, $(du -sh "$image" | cut -f1))"
