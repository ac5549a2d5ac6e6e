# `calendar --roster` and `load` give byte-identical output with 1, 2 and 4 threads, and a failed run
# (unknown site on the last line) writes nothing.
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
set(cohort nahm2023-autologous-serum-ad --roster examples/roster-3sites.csv --sites examples/sites.toml)
foreach(threads 1 2 4)
  execute_process(COMMAND ${PLANNER} calendar ${cohort} --threads ${threads} --output ${OUT}/calendar-${threads}.csv
                  WORKING_DIRECTORY ${WORKDIR} RESULT_VARIABLE rc ERROR_QUIET)
  execute_process(COMMAND ${PLANNER} load ${cohort} --by day --format csv --threads ${threads}
                          --output ${OUT}/load-${threads}.csv
                  WORKING_DIRECTORY ${WORKDIR} RESULT_VARIABLE rc2 ERROR_QUIET)
  if(NOT rc EQUAL 0 OR NOT rc2 EQUAL 0)
    message(FATAL_ERROR "planner failed with --threads ${threads}: ${rc} ${rc2}")
  endif()
endforeach()
foreach(kind calendar load)
  file(READ ${OUT}/${kind}-1.csv one)
  foreach(threads 2 4)
    file(READ ${OUT}/${kind}-${threads}.csv other)
    if(NOT one STREQUAL other)
      message(FATAL_ERROR "${kind} output with --threads ${threads} differs from --threads 1")
    endif()
  endforeach()
endforeach()
file(GLOB written ${OUT}/*)
list(LENGTH written n)
if(NOT n EQUAL 6)
  message(FATAL_ERROR "expected 6 output files, found ${n}: ${written}")
endif()
