#!/usr/bin/env bash
# Seeds each decoder target's corpus from the wire-format vectors
# (tests/vectors/*/): the ServiceStack output of every case, per format.
# The corpus folders are not committed (see fuzz/.gitignore); run this once
# before fuzzing, and again after the vectors change.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
vectors="$here/../tests/vectors"
corpus="$here/corpus"
mkdir -p "$corpus"/{bind,json_decode,json_foreign,jsv_decode,xml_decode,csv_decode,roundtrip}
count=0
for dir in "$vectors"/*/; do
    case_id="$(basename "$dir")"
    copy() { # file target
        if [[ -f "$dir/$1" ]]; then
            cp "$dir/$1" "$corpus/$2/$case_id-$1"
            count=$((count + 1))
        fi
    }
    copy servicestack.json json_decode
    copy servicestack.json json_foreign
    copy servicestack.jsv jsv_decode
    copy datacontract.xml xml_decode
    copy servicestack.csv csv_decode
    copy servicestack.dto.csv csv_decode
    # Any bytes make a value for the structured target; the JSON texts
    # give it varied, longer inputs to start from.
    copy servicestack.json roundtrip
done
# The bind target reads a method byte, a content-type byte, the URL, a NUL
# and the body: seed it with the server cases of the HTTP vectors.
for dir in "$here"/../tests/vectors-http/srv-*/; do
    [[ -f "$dir/request.json" ]] || continue
    case_id="$(basename "$dir")"
    url="$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); q=open(sys.argv[2]).read() if __import__("os").path.exists(sys.argv[2]) else ""; print(r["path"] + ("?" + q if q else ""), end="")' "$dir/request.json" "$dir/request.querystring")"
    { printf '\x00\x01%s\x00' "$url"; cat "$dir/request.body" 2>/dev/null || true; } > "$corpus/bind/$case_id"
    count=$((count + 1))
done
echo "seeded $count files into $corpus"
