# `cmake --install` into a temporary prefix, then the prefix is moved (so nothing can point into it by its
# first path) and the moved copy is run from an empty directory with no PLANNER_PROTOCOLS: `--version`,
# `protocols`, `show` and `calendar` by bundled name (also as iCalendar, which loads the installed ical module)
# must print exactly what the build tree's planner prints.
# The installed binary must not contain the source tree's path, and the man pages, completion and docs must
# be where docs/install.md says.
#   cmake -DBUILD=<build dir> -DSOURCE=<source dir> -DPLANNER=<build tree planner> -DWORK=<scratch dir> -P install.cmake
cmake_minimum_required(VERSION 3.25)
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK}/empty)
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD} --prefix ${WORK}/first
                OUTPUT_QUIET ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed (exit ${rc}): ${err}")
endif()
file(RENAME ${WORK}/first ${WORK}/moved)
set(prefix ${WORK}/moved)

foreach(path bin/planner share/planner/protocols/nahm2023-autologous-serum-ad.toml
             share/planner/protocols/cdiscpilot01-xanomeline-ad.toml share/man/man1/planner.1.gz
             share/man/man1/planner-calendar.1.gz share/bash-completion/completions/planner
             share/doc/planner/README.md share/doc/planner/docs/install.md share/doc/planner/copyright
             share/doc/planner/changelog.gz share/doc/planner/examples/cdiscpilot01/SOURCE.md)
  if(NOT EXISTS ${prefix}/${path})
    message(FATAL_ERROR "not installed: ${path}")
  endif()
endforeach()

# The modules (planner/io/module.h), under <libdir>/planner: lib/ or lib/<multiarch>/.
foreach(module xlsx xpt ical)
  file(GLOB_RECURSE found ${prefix}/lib/planner-${module}.so)
  list(FILTER found INCLUDE REGEX "/lib/([^/]+/)?planner/planner-${module}\\.so$")
  if(NOT found)
    message(FATAL_ERROR "not installed: lib/planner/planner-${module}.so (or under lib/<multiarch>/)")
  endif()
endforeach()

file(STRINGS ${prefix}/bin/planner source_paths REGEX "${SOURCE}/protocols")
if(source_paths)
  message(FATAL_ERROR "the installed planner names the source protocols ${SOURCE}/protocols: ${source_paths}")
endif()

# Each command: the installed copy (from an empty directory) against the build tree's (from the source).
set(commands "--version" "protocols" "show nahm2023-autologous-serum-ad"
             "calendar nahm2023-autologous-serum-ad --day1 2026-01-05 --arm SERUM --subject S01"
             "calendar nahm2023-autologous-serum-ad --day1 2026-01-05 --arm SERUM --subject S01 --format ics")
foreach(command IN LISTS commands)
  separate_arguments(args UNIX_COMMAND "${command}")
  execute_process(COMMAND ${CMAKE_COMMAND} -E env --unset=PLANNER_PROTOCOLS ${prefix}/bin/planner ${args}
                  WORKING_DIRECTORY ${WORK}/empty OUTPUT_VARIABLE installed ERROR_VARIABLE err RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "installed `planner ${command}` failed (exit ${rc}): ${err}")
  endif()
  execute_process(COMMAND ${CMAKE_COMMAND} -E env --unset=PLANNER_PROTOCOLS ${PLANNER} ${args}
                  WORKING_DIRECTORY ${SOURCE} OUTPUT_VARIABLE built RESULT_VARIABLE rc)
  # `show` names the file it read, the installed one or the source's: compare from the file name on.
  string(REGEX REPLACE "[^ \n]*/([a-z0-9-]+\\.toml)" "\\1" installed "${installed}")
  string(REGEX REPLACE "[^ \n]*/([a-z0-9-]+\\.toml)" "\\1" built "${built}")
  if(NOT installed STREQUAL built)
    message(FATAL_ERROR "installed `planner ${command}` differs from the build tree's:\n${installed}")
  endif()
endforeach()
file(REMOVE_RECURSE ${WORK})
message(STATUS "installed, moved and run: ${commands}")
