# `planner sdtm --domain DM/SV` of a roster, read back by `planner check --roster-sdtm/--actuals-sdtm`: every
# planned visit is found, in its window (the SV VISITNUMs map back to the protocol's visits).
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
set(cohort nahm2023-autologous-serum-ad --roster examples/roster-3sites.csv --sites examples/sites.toml)
foreach(domain DM SV)
  execute_process(COMMAND ${PLANNER} sdtm ${cohort} --domain ${domain} --output ${OUT}/${domain}.csv
                  WORKING_DIRECTORY ${WORKDIR} RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "sdtm --domain ${domain} failed (${rc}): ${err}")
  endif()
endforeach()
execute_process(COMMAND ${PLANNER} check nahm2023-autologous-serum-ad --roster-sdtm ${OUT}/DM.csv
                        --actuals-sdtm ${OUT}/SV.csv --format summary
                WORKING_DIRECTORY ${WORKDIR} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
file(STRINGS ${OUT}/SV.csv rows)
list(LENGTH rows n)
math(EXPR visits "${n} - 1")
if(NOT rc EQUAL 0 OR NOT out MATCHES "\n${visits} rows: ${visits} in-window\n" OR visits LESS 200)
  message(FATAL_ERROR "check of the planned SV (${visits} visits) exited ${rc}:\n${out}${err}")
endif()
