# Checks that the bibliography keeps up with the protocol files: every citation key that a protocol file cites
# in its header comment (the `#` lines at the top) or in a `source = "…"` value has an entry in SOURCES.md,
# i.e. a `### KEY` heading in its "## Entries" section; and every entry is cited by some protocol file.
# A word counts as a key when it has one of the shapes listed in SOURCES.md ("How to read this file"):
#   PIT-abs, NAHM-ED, BMC-T2   capitals and digits, then -abs, -ED or -T<digits>
#   NCT02835170, KCT549        a registry number NCT…, KCT… or CTRI… without slashes
#   WAO15, CDISCPILOT01        three or more capitals, then two digits
#   cmake -DPROTOCOLS=<folder with *.toml> -DSOURCES=<SOURCES.md> [-DEXPECT=<file>] -P protocol_sources.cmake
cmake_minimum_required(VERSION 3.25)

set(key_shapes "^([A-Z][A-Z0-9]*-(abs|ED|T[0-9]+)|(NCT|KCT|CTRI)[0-9]+|[A-Z][A-Z][A-Z]+[0-9][0-9])$")

# Text to lines. Semicolons and brackets would confuse CMake lists; keys contain neither, so they become spaces.
function(read_lines path out)
  file(READ "${path}" text)
  string(REGEX REPLACE "[][;\\]" " " text "${text}")
  string(REPLACE "\r" "" text "${text}")
  string(REPLACE "\n" ";" lines "${text}")
  set(${out} "${lines}" PARENT_SCOPE)
endfunction()

# The keys SOURCES.md defines: the `### ` headings between "## Entries" and the next `## ` heading.
read_lines("${SOURCES}" source_lines)
set(defined "")
set(in_entries FALSE)
foreach(line IN LISTS source_lines)
  if(line MATCHES "^## ")
    set(in_entries FALSE)
    if(line STREQUAL "## Entries")
      set(in_entries TRUE)
    endif()
  elseif(in_entries AND line MATCHES "^### (.+)$")
    list(APPEND defined "${CMAKE_MATCH_1}")
  endif()
endforeach()
if(NOT defined)
  message(FATAL_ERROR "${SOURCES}: no '### KEY' entries under a '## Entries' heading")
endif()

include(${CMAKE_CURRENT_LIST_DIR}/problems.cmake)
planner_protocol_files(protocols)
set(problems "")
set(cited "")
set(all_words "")
foreach(path IN LISTS protocols)
  read_lines("${path}" lines)
  set(n 0)
  set(in_header TRUE)
  foreach(line IN LISTS lines)
    math(EXPR n "${n} + 1")
    string(REGEX REPLACE "[^A-Za-z0-9-]+" ";" line_words "${line}")
    list(APPEND all_words ${line_words})
    # What this line cites: the whole line while in the header comment, else its source = "…" values.
    set(texts "")
    if(in_header AND line MATCHES "^#")
      set(texts "${line}")
    else()
      set(in_header FALSE)
      string(REGEX MATCHALL "(^|[ \t{,])source[ \t]*=[ \t]*\"[^\"]*\"" texts "${line}")
    endif()
    foreach(text IN LISTS texts)
      string(REGEX REPLACE "[^A-Za-z0-9-]+" ";" words "${text}")
      foreach(word IN LISTS words)
        if(NOT word MATCHES "${key_shapes}")
          continue()
        endif()
        list(APPEND cited "${word}")
        if(NOT word IN_LIST defined)
          string(FIND "${line}" "${word}" at)
          math(EXPR col "${at} + 1")
          string(APPEND problems "${path}:${n}:${col}: key '${word}' has no '### ${word}' entry in ${SOURCES}\n")
        endif()
      endforeach()
    endforeach()
  endforeach()
endforeach()

# An entry no protocol file mentions is stale (USDM is no key shape, so mentions anywhere count).
foreach(key IN LISTS defined)
  if(NOT key IN_LIST all_words)
    string(APPEND problems "${SOURCES}: entry '${key}' is mentioned by no protocol file in ${PROTOCOLS}\n")
  endif()
endforeach()

planner_end_check(problems "SOURCES.md and the protocol files disagree (see above)")
list(REMOVE_DUPLICATES cited)
list(LENGTH cited n_cited)
list(LENGTH defined n_defined)
list(LENGTH protocols n_protocols)
message(STATUS "${n_protocols} protocol files cite ${n_cited} keys; all ${n_defined} entries of ${SOURCES} are used")
