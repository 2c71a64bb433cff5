# Reads Prism's proxy log; prints every violation line, except the required-field notes that
# `_fields` explains (see tests/conformance/run-conformance.sh). Writes how many it set aside to
# the file named by -v exempt_out=FILE.
#   awk -v exempt_out=FILE -f prism-violations.awk prism.log
/> Forwarding "/ {
  fields = ""
  if (match($0, /[?&]_fields=[^&. ]*/)) {
    fields = substr($0, RSTART, RLENGTH); sub(/^[?&]_fields=/, "", fields)
    gsub(/%2C|%2c/, ",", fields)
  }
  next
}
/Violation:|Request terminated with error/ {
  if (fields != "" && match($0, /Violation: response\.body[^ ]* .*must have required property \047[a-z_]+\047$/)) {
    name = $0; sub(/.*required property \047/, "", name); sub(/\047$/, "", name)
    if (index("," fields ",", "," name ",") == 0) { exempt++; next }
  }
  print
}
END { print exempt + 0 > exempt_out }
