#!/usr/bin/env bash
# Validates the conformance suite's golden documents against the public schemas themselves, which
# the repository does not ship (copyright): give the folders where you checked out
#   nigelm/broadworks_ocip (OCI-P R25), spr-plusnet/libcti (CTI/XSP) and spr-plusnet/libxsi (XSI R23).
# Needs xmllint (Debian: libxml2-utils).
#
#   scripts/validate-goldens.sh ~/src/broadworks_ocip ~/src/libcti ~/src/libxsi
#
# OCI-P goldens are written as servers send them: the root in the default namespace "C" and each
# child undeclaring it (xmlns=""). libxml2 does not resolve an xsi:type QName under xmlns="" (it
# reports "{}LoginRequest22V5 does not resolve" though the type is there), so each OCI-P golden is
# validated in its prefixed form (ns0:BroadsoftDocument xmlns:ns0="C", no xmlns=""): the same
# elements in the same namespaces (Namespaces in XML 1.0 §6.2), only spelled differently.
set -euo pipefail
[ $# -eq 3 ] || { sed -n 2,8p "$0" | sed 's/^# \{0,1\}//'; exit 2; }
command -v xmllint >/dev/null || { echo "xmllint is missing: apt-get install -y libxml2-utils" >&2; exit 2; }
oci_xsd="$1/ocip_schema/OCISchemaAS.xsd"
cti_xsd="$2/src/main/xsd/CTISchema/CTISchema.xsd"
xsi_xsd="$3/xsd/XSISchema.xsd"
for f in "$oci_xsd" "$cti_xsd" "$xsi_xsd"; do [ -f "$f" ] || { echo "not found: $f" >&2; exit 2; }; done

golden="$(cd "$(dirname "$0")/../test/conformance" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failed=0

validate() { # schema, label, files...
  local xsd="$1" label="$2" ok=0 n=0
  shift 2
  for f in "$@"; do
    n=$((n + 1))
    if xmllint --noout --schema "$xsd" "$f" >/dev/null 2>"$work/errors"; then ok=$((ok + 1)); else
      failed=1
      echo "INVALID ${f#"$work/"}"
      grep 'validity error' "$work/errors" | head -3
    fi
  done
  echo "$label: $ok of $n valid"
}

mkdir "$work/oci-p"
for f in "$golden"/oci-p/golden/*.xml; do
  sed -e 's/<BroadsoftDocument \([^>]*\) xmlns="C"/<ns0:BroadsoftDocument xmlns:ns0="C" \1/' \
      -e 's/<BroadsoftDocument xmlns="C"/<ns0:BroadsoftDocument xmlns:ns0="C"/' \
      -e 's#</BroadsoftDocument>#</ns0:BroadsoftDocument>#' \
      -e 's/ xmlns=""//g' "$f" >"$work/oci-p/$(basename "$f")"
done
mapfile -t oci < <(find "$work/oci-p" -name '*.xml' | sort)
mapfile -t cti < <(find "$golden/cti/golden" -name '*.xml' | sort)
mapfile -t xsi < <(find "$golden/xsi/golden" -name '*.xml' | sort)
validate "$oci_xsd" "OCI-P R25 (OCISchemaAS.xsd)" "${oci[@]}"
validate "$cti_xsd" "CTI/XSP (CTISchema.xsd)" "${cti[@]}"
validate "$xsi_xsd" "XSI R23 (XSISchema.xsd)" "${xsi[@]}"
exit "$failed"
