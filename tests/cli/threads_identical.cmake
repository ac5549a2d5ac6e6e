# `calendar --roster` (CSV and iCalendar, and re-planned with --actuals as CSV and as JSON) and `load` give
# byte-identical output with 1, 2 and 4 threads, and the iCalendar output has one event per CSV row.
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
set(cohort nahm2023-autologous-serum-ad --roster examples/roster-3sites.csv --sites examples/sites.toml)
foreach(threads 1 2 4)
  execute_process(COMMAND ${PLANNER} calendar ${cohort} --threads ${threads} --output ${OUT}/calendar-${threads}.csv
                  WORKING_DIRECTORY ${WORKDIR} RESULT_VARIABLE rc ERROR_QUIET)
  execute_process(COMMAND ${PLANNER} load ${cohort} --by day --format csv --threads ${threads}
                          --output ${OUT}/load-${threads}.csv
                  WORKING_DIRECTORY ${WORKDIR} RESULT_VARIABLE rc2 ERROR_QUIET)
  execute_process(COMMAND ${PLANNER} calendar ${cohort} --threads ${threads} --format ics
                          --output ${OUT}/calendar-ics-${threads}.csv
                  WORKING_DIRECTORY ${WORKDIR} RESULT_VARIABLE rc3 ERROR_QUIET)
  execute_process(COMMAND ${PLANNER} calendar ${cohort} --threads ${threads} --actuals tests/testdata/cohort/visits.csv
                          --output ${OUT}/replan-${threads}.csv
                  WORKING_DIRECTORY ${WORKDIR} RESULT_VARIABLE rc4 ERROR_QUIET)
  execute_process(COMMAND ${PLANNER} calendar ${cohort} --threads ${threads} --format json
                          --actuals tests/testdata/cohort/visits.csv --output ${OUT}/replan-json-${threads}.csv
                  WORKING_DIRECTORY ${WORKDIR} RESULT_VARIABLE rc5 ERROR_QUIET)
  if(NOT rc EQUAL 0 OR NOT rc2 EQUAL 0 OR NOT rc3 EQUAL 0 OR NOT rc4 EQUAL 0 OR NOT rc5 EQUAL 0)
    message(FATAL_ERROR "planner failed with --threads ${threads}: ${rc} ${rc2} ${rc3} ${rc4} ${rc5}")
  endif()
endforeach()
foreach(kind calendar calendar-ics load replan replan-json)
  file(READ ${OUT}/${kind}-1.csv one)
  foreach(threads 2 4)
    file(READ ${OUT}/${kind}-${threads}.csv other)
    if(NOT one STREQUAL other)
      message(FATAL_ERROR "${kind} output with --threads ${threads} differs from --threads 1")
    endif()
  endforeach()
endforeach()
file(READ ${OUT}/calendar-1.csv planned)
file(READ ${OUT}/replan-1.csv replanned)
if(planned STREQUAL replanned)
  message(FATAL_ERROR "calendar --actuals gave the plan without actual dates")
endif()
file(GLOB written ${OUT}/*)
list(LENGTH written n)
if(NOT n EQUAL 15)
  message(FATAL_ERROR "expected 15 output files, found ${n}: ${written}")
endif()
file(STRINGS ${OUT}/calendar-1.csv rows)
file(STRINGS ${OUT}/calendar-ics-1.csv events REGEX "^BEGIN:VEVENT")
list(LENGTH rows n_rows)
list(LENGTH events n_events)
math(EXPR n_visits "${n_rows} - 1")
if(NOT n_events EQUAL n_visits OR n_visits LESS 100)
  message(FATAL_ERROR "${n_events} iCalendar events for ${n_visits} calendar rows")
endif()
