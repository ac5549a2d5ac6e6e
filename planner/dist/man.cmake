# Generates planner(1) and planner-<command>(1) with help2man from the program's own --help, so the manual
# pages cannot drift from it. The commands and their one-line summaries are read from `planner --help`.
#   cmake -DPLANNER=<exe> -DHELP2MAN=<help2man> -DVERSION=<x.y.z> -DOUT=<dir> -P man.cmake
# Writes OUT/planner.1, OUT/planner-<command>.1 and gzip -9n copies in OUT/gz/ (what is installed).
cmake_minimum_required(VERSION 3.25)
execute_process(COMMAND ${PLANNER} --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${PLANNER} --help failed (exit ${rc})")
endif()
string(REGEX MATCH "\ncommands:\n(  [^\n]+\n)+" block "${help}")
string(REPLACE ";" "<semicolon>" block "${block}")  # a summary's ';' is no list separator
string(REGEX MATCHALL "  [a-z-]+ +[^\n]+" lines "${block}")
if(NOT lines)
  message(FATAL_ERROR "no commands found in `planner --help`")
endif()

file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT}/bin ${OUT}/gz)
set(see_also "")
set(commands "")
foreach(line IN LISTS lines)
  string(REGEX MATCH "^  ([a-z-]+) +(.+)$" _ "${line}")
  list(APPEND commands ${CMAKE_MATCH_1})
  string(REPLACE "<semicolon>" ";" summary "${CMAKE_MATCH_2}")
  set(summary_${CMAKE_MATCH_1} "${summary}")
  string(APPEND see_also ".BR planner-${CMAKE_MATCH_1} (1),\n")
endforeach()

# Every page ends with the same SEE ALSO and EXIT STATUS sections.
set(common "[EXIT STATUS]\n0 success, 1 problems found, 2 bad input, 3 file not readable or writable, \
4 internal error.\n\n[SEE ALSO]\n${see_also}.BR planner (1).\nThe full manual is in /usr/share/doc/planner \
(docs/ in the source).\n")

# help2man runs PROGRAM --help: a wrapper makes `planner [COMMAND]` such a program. It passes the help text
# through unchanged but for the usage block (up to the first empty line after it), which it lays out as
# help2man reads a SYNOPSIS: "Usage:" first, "  or:" before each further form, wrapped lines joined.
function(wrapper path command)
  file(WRITE ${path} "#!/bin/sh\n'${PLANNER}' ${command} \"$@\" | awk '\
    !done && usage && /^$/ { print line; line = \"\"; done = 1 }\
    done || (!usage && !/^usage: /) { print; next }\
    /^usage: / { sub(/^usage:/, \"Usage:\"); line = $0; usage = 1; next }\
    /^       planner / { print line; sub(/^ +/, \"  or:  \"); line = $0; next }\
    /^        +/ { sub(/^ +/, \" \"); line = line $0; next }\
    { print line; line = $0 }\
    END { if (!done && line != \"\") print line }'\n")
  file(CHMOD ${path} PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE)
endfunction()

# One page, NAME planner[-COMMAND]; a command's DESCRIPTION opens with its summary from `planner --help`.
function(page command summary)
  if(command STREQUAL "")
    set(name planner)
    set(description "")
  else()
    set(name planner-${command})
    set(description "[DESCRIPTION]\n${summary}.\n\n")
  endif()
  set(program ${OUT}/bin/${name})
  wrapper(${program} "${command}")
  set(include ${OUT}/${name}.h2m)
  file(WRITE ${include} "${description}${common}")
  execute_process(COMMAND ${HELP2MAN} --no-info --section=1 --version-string=${VERSION}
                          "--name=${summary}" --include=${include} --output=${OUT}/${name}.1 ${program}
                  RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "help2man failed for ${name} (exit ${rc}): ${err}")
  endif()
  execute_process(COMMAND gzip -9n -c ${OUT}/${name}.1 OUTPUT_FILE ${OUT}/gz/${name}.1.gz RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "gzip failed for ${name}.1")
  endif()
endfunction()

page("" "treatment-protocol schedule planner for clinical trials")
foreach(command IN LISTS commands)
  page(${command} "${summary_${command}}")
endforeach()
file(REMOVE_RECURSE ${OUT}/bin)
file(GLOB includes ${OUT}/*.h2m)
file(REMOVE ${includes})
