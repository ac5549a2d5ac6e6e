# `--output FILE` writes the same bytes as stdout, twice identically, and a failing run leaves an
# existing file untouched with no temporary file beside it.
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
set(args calendar protocols/nahm2023-autologous-serum-ad.toml --arm SERUM --closed sat,sun
         --holidays examples/holidays-kr-2026.txt --format csv)
execute_process(COMMAND ${PLANNER} ${args} --day1 2026-01-05 --output ${OUT}/a.csv WORKING_DIRECTORY ${WORKDIR} RESULT_VARIABLE rc1)
execute_process(COMMAND ${PLANNER} ${args} --day1 2026-01-05 --output ${OUT}/b.csv WORKING_DIRECTORY ${WORKDIR} RESULT_VARIABLE rc2)
execute_process(COMMAND ${PLANNER} ${args} --day1 2026-01-05 WORKING_DIRECTORY ${WORKDIR} OUTPUT_VARIABLE stdout RESULT_VARIABLE rc3)
if(NOT rc1 EQUAL 0 OR NOT rc2 EQUAL 0 OR NOT rc3 EQUAL 0)
  message(FATAL_ERROR "planner failed: ${rc1} ${rc2} ${rc3}")
endif()
file(READ ${OUT}/a.csv a)
file(READ ${OUT}/b.csv b)
if(NOT a STREQUAL b OR NOT a STREQUAL stdout)
  message(FATAL_ERROR "--output is not deterministic or differs from stdout")
endif()
# A failing run (bad Day 1 discovered after the options were read) must not touch the existing file.
execute_process(COMMAND ${PLANNER} ${args} --day1 2200-12-01 --output ${OUT}/a.csv WORKING_DIRECTORY ${WORKDIR}
                RESULT_VARIABLE rc4 ERROR_QUIET)
file(READ ${OUT}/a.csv after)
file(GLOB leftovers ${OUT}/.*)
if(rc4 EQUAL 0 OR NOT after STREQUAL a OR leftovers)
  message(FATAL_ERROR "a failed run changed the output file or left ${leftovers} (exit ${rc4})")
endif()

# A cohort whose last roster row is bad (found after thousands of rows were planned and written to the
# temporary file) must leave the existing output untouched as well.
set(roster ${OUT}/late-error.csv)
file(WRITE ${roster} "subject,arm,site,day1\n")
foreach(i RANGE 1 5000)
  file(APPEND ${roster} "S${i},SERUM,KR01,2026-01-05\n")
endforeach()
file(APPEND ${roster} "LAST,PLACEBO,KR01,2026-01-05\n")
execute_process(COMMAND ${PLANNER} calendar nahm2023-autologous-serum-ad --roster ${roster} --output ${OUT}/a.csv
                WORKING_DIRECTORY ${WORKDIR} RESULT_VARIABLE rc5 ERROR_VARIABLE err5)
file(READ ${OUT}/a.csv after)
file(GLOB leftovers ${OUT}/.*)
if(NOT rc5 EQUAL 2 OR NOT after STREQUAL a OR leftovers OR NOT err5 MATCHES "late-error.csv:5002:6: error: unknown arm")
  message(FATAL_ERROR "a late roster error changed the output or left files (exit ${rc5}): ${err5} ${leftovers}")
endif()
