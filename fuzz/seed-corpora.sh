#!/usr/bin/env bash
# Seeds each decoder target's corpus from the wire-format vectors
# (tests/vectors/*/): the ServiceStack output of every case, per format.
# The corpus folders are not committed (see fuzz/.gitignore); run this once
# before fuzzing, and again after the vectors change.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
vectors="$here/../tests/vectors"
corpus="$here/corpus"
mkdir -p "$corpus"/{json_decode,json_foreign,jsv_decode,xml_decode,csv_decode,roundtrip}
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
echo "seeded $count files into $corpus"
