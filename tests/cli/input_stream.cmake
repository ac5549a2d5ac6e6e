# A roster read from a pipe (--roster /dev/stdin) and from a FIFO gives the same calendar as the regular
# file: every subject arrives (the roster is several 64 KiB blocks long, so a reader that re-opened or
# re-read the input would lose subjects), and a duplicate subject in a pipe is reported with the line it
# was first listed at (from what was read, not by reading the input again).
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
set(rows "subject,arm,site,day1\n")
foreach(i RANGE 1 6000)
  string(APPEND rows "SUBJECT-${i},SERUM,KR01,2026-01-05\n")
endforeach()
file(WRITE ${OUT}/roster.csv "${rows}")
file(WRITE ${OUT}/duplicate.csv "${rows}SUBJECT-4500,SERUM,KR01,2026-01-05\n")
set(protocol nahm2023-autologous-serum-ad)

execute_process(COMMAND ${PLANNER} calendar ${protocol} --roster ${OUT}/roster.csv --format csv
                WORKING_DIRECTORY ${WORKDIR} OUTPUT_VARIABLE from_file RESULT_VARIABLE rc)
execute_process(COMMAND cat ${OUT}/roster.csv
                COMMAND ${PLANNER} calendar ${protocol} --roster /dev/stdin --format csv
                WORKING_DIRECTORY ${WORKDIR} OUTPUT_VARIABLE from_pipe RESULTS_VARIABLE rcs)
if(NOT rc EQUAL 0 OR NOT rcs STREQUAL "0;0")
  message(FATAL_ERROR "planner failed: ${rc} ${rcs}")
endif()
string(REGEX MATCHALL "SUBJECT-6000," last "${from_file}")
if(last STREQUAL "")
  message(FATAL_ERROR "the last subject is missing from the calendar of the regular file")
endif()
if(NOT from_file STREQUAL from_pipe)
  message(FATAL_ERROR "the calendar of the roster read from a pipe differs from the regular file's")
endif()

execute_process(COMMAND mkfifo ${OUT}/fifo RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "mkfifo failed")
endif()
execute_process(COMMAND sh -c "cat '${OUT}/roster.csv' > '${OUT}/fifo'"
                COMMAND ${PLANNER} calendar ${protocol} --roster ${OUT}/fifo --format csv
                WORKING_DIRECTORY ${WORKDIR} OUTPUT_VARIABLE from_fifo RESULTS_VARIABLE rcs)
if(NOT rcs STREQUAL "0;0" OR NOT from_file STREQUAL from_fifo)
  message(FATAL_ERROR "the calendar of the roster read from a FIFO differs from the regular file's (${rcs})")
endif()

execute_process(COMMAND cat ${OUT}/duplicate.csv
                COMMAND ${PLANNER} load ${protocol} --roster /dev/stdin
                WORKING_DIRECTORY ${WORKDIR} OUTPUT_VARIABLE out ERROR_VARIABLE err RESULTS_VARIABLE rcs)
set(expected "/dev/stdin:6002:1: error: subject 'SUBJECT-4500' is listed twice (first at line 4501)\n")
if(NOT rcs STREQUAL "0;2" OR NOT err STREQUAL expected OR NOT out STREQUAL "")
  message(FATAL_ERROR "duplicate in a pipe: exit ${rcs}, stderr:\n${err}")
endif()

# A protocol given by the name of a FIFO in the working directory is that FIFO, read once (not a bundled
# protocol to look up, which gave "did you mean").
execute_process(COMMAND sh -c "cat '${WORKDIR}/protocols/${protocol}.toml' > fifo"
                COMMAND ${PLANNER} show fifo
                WORKING_DIRECTORY ${OUT} OUTPUT_VARIABLE shown ERROR_VARIABLE err RESULTS_VARIABLE rcs)
if(NOT rcs STREQUAL "0;0" OR NOT shown MATCHES "^${protocol}\n")
  message(FATAL_ERROR "show fifo: exit ${rcs}\n${err}")
endif()
