# Checks that README.md's protocol table is exactly the output of `planner protocols --format markdown`.
# The table sits between the lines "<!-- planner protocols --format markdown -->" and "<!-- end -->".
#   cmake -DPLANNER=... -DWORKDIR=... -DREADME=... -P readme_table.cmake
execute_process(COMMAND ${PLANNER} protocols --format markdown
                WORKING_DIRECTORY ${WORKDIR} OUTPUT_VARIABLE table RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "planner protocols failed with exit code ${rc}")
endif()
file(READ ${README} readme)
set(begin_marker "<!-- planner protocols --format markdown -->\n")
set(end_marker "<!-- end -->")
string(FIND "${readme}" "${begin_marker}" begin)
if(begin EQUAL -1)
  message(FATAL_ERROR "README.md has no line '<!-- planner protocols --format markdown -->'")
endif()
string(LENGTH "${begin_marker}" n)
math(EXPR begin "${begin} + ${n}")
string(SUBSTRING "${readme}" ${begin} -1 rest)
string(FIND "${rest}" "${end_marker}" end)
if(end EQUAL -1)
  message(FATAL_ERROR "README.md has no '<!-- end -->' after the protocols table")
endif()
string(SUBSTRING "${rest}" 0 ${end} in_readme)
if(NOT in_readme STREQUAL table)
  message(FATAL_ERROR "README.md's protocols table differs from `planner protocols --format markdown`; "
                      "paste this between the markers:\n${table}")
endif()
