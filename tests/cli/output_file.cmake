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
