# `man planner-COMMAND` shows the same options as `planner COMMAND --help`: the page is rendered with man(1)
# and the set of long options in it is compared with the set in the help text, for every command.
#   cmake -DPLANNER=<exe> -DMAN_DIR=<build>/man -P man_options.cmake
cmake_minimum_required(VERSION 3.25)
execute_process(COMMAND ${PLANNER} --help OUTPUT_VARIABLE help)
string(REGEX MATCH "\ncommands:\n(  [^\n]+\n)+" block "${help}")
string(REGEX MATCHALL "\n  [a-z-]+" names "${block}")
list(LENGTH names n)
if(n LESS 5)
  message(FATAL_ERROR "too few commands in planner --help: ${names}")
endif()

function(long_options text out)
  string(REGEX MATCHALL "--[a-z][a-z0-9-]*" options "${text}")
  list(REMOVE_DUPLICATES options)
  list(SORT options)
  set(${out} "${options}" PARENT_SCOPE)
endfunction()

set(names "\n  " ${names})  # the first: planner itself
foreach(name IN LISTS names)
  string(STRIP "${name}" command)
  set(page planner)
  if(command)
    set(page planner-${command})
  endif()
  execute_process(COMMAND ${CMAKE_COMMAND} -E env MANWIDTH=200 man --nh --nj -l -P cat ${MAN_DIR}/${page}.1
                  OUTPUT_VARIABLE shown ERROR_VARIABLE err RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "man -l ${page}.1 failed (exit ${rc}): ${err}")
  endif()
  string(ASCII 8 backspace)
  string(REGEX REPLACE ".${backspace}" "" shown "${shown}")  # overstrike (bold, underline), if any
  string(REGEX REPLACE "-\n +" "-" shown "${shown}")  # an option split after a hyphen at a line's end
  execute_process(COMMAND ${PLANNER} ${command} --help OUTPUT_VARIABLE text)
  long_options("${shown}" in_man)
  long_options("${text}" in_help)
  if(NOT in_man STREQUAL in_help)
    message(FATAL_ERROR "man ${page} shows options ${in_man}\nbut planner ${command} --help shows ${in_help}")
  endif()
  list(LENGTH in_help k)
  message(STATUS "${page}: ${k} options, the same in man and --help")
endforeach()
