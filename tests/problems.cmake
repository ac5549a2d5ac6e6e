# What the repository checks run with `cmake -P` (protocol_sources.cmake, protocol_doi.cmake) share.
#
# planner_protocol_files(out): the *.toml files of the folder PROTOCOLS (relative to the working directory),
# sorted, as PROTOCOLS/<name> (paths in messages are as given); none is an error.
macro(planner_protocol_files out)
  cmake_path(ABSOLUTE_PATH PROTOCOLS BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}" OUTPUT_VARIABLE protocols_dir)
  file(GLOB names RELATIVE "${protocols_dir}" "${protocols_dir}/*.toml")
  if(NOT names)
    message(FATAL_ERROR "${PROTOCOLS}: no *.toml files")
  endif()
  list(SORT names)
  list(TRANSFORM names PREPEND "${PROTOCOLS}/" OUTPUT_VARIABLE ${out})
endmacro()

# planner_end_check(list_var summary), the ending:
# the variable named `list_var` holds the problems found, one per line. With -DEXPECT=<file> (the test of the
# check) the problems must be exactly the file's text; otherwise any problem fails the check with `summary`. A
# macro, so that its return() ends the calling script once the expectation is met.
macro(planner_end_check list_var summary)
  if(DEFINED EXPECT)
    file(READ "${EXPECT}" want)
    if(NOT "${${list_var}}" STREQUAL want)
      message(FATAL_ERROR "expected these problems:\n${want}\nfound these:\n${${list_var}}")
    endif()
    message(STATUS "found exactly the problems listed in ${EXPECT}")
    return()
  endif()
  if(NOT "${${list_var}}" STREQUAL "")
    message(NOTICE "${${list_var}}")  # unwrapped, one problem per line
    message(FATAL_ERROR "${summary}")
  endif()
endmacro()
