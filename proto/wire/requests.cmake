# Writes OUT: one MEDIATION_WIRE_REQUEST line per request type of the rpcs
# of the service protos in PROTOS (a '|'-separated list), so that no
# request type is forgotten (proto/wire/request_parsing.h includes it).
include(${CMAKE_CURRENT_LIST_DIR}/../../cmake/write_if_changed.cmake)
set(lines "// Generated from the service protos by proto/wire/requests.cmake.\n")
set(types)
string(REPLACE "|" ";" PROTOS "${PROTOS}")
foreach(proto ${PROTOS})
  file(READ ${proto} text)
  string(REGEX MATCHALL "rpc[ \t\r\n]+[A-Za-z0-9_]+[ \t\r\n]*\\([ \t\r\n]*(stream[ \t\r\n]+)?[A-Za-z0-9_.]+"
         rpcs "${text}")
  foreach(rpc ${rpcs})
    string(REGEX REPLACE ".*\\([ \t\r\n]*(stream[ \t\r\n]+)?" "" type "${rpc}")
    list(APPEND types ${type})
  endforeach()
endforeach()
list(REMOVE_DUPLICATES types)
list(SORT types)
foreach(type ${types})
  string(APPEND lines "MEDIATION_WIRE_REQUEST(mediation::v1::${type});\n")
endforeach()
write_if_changed(${OUT} "${lines}")
