# `planner import-usdm` feeds `planner calendar`: the CDISC pilot's USDM main timeline is imported to a file
# (--output), then planned for one arm; the calendar is compared with golden/${NAME}.out.
#   cmake -DPLANNER=... -DWORKDIR=... -DOUT=<dir> -DGOLDEN=<dir>/<name> -P import_usdm_calendar.cmake
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
execute_process(COMMAND ${PLANNER} import-usdm examples/usdm/CDISC_Pilot_Study.json --output ${OUT}/cdisc-usdm.toml
                WORKING_DIRECTORY ${WORKDIR} RESULT_VARIABLE rc ERROR_QUIET)
if(NOT rc EQUAL 0 OR NOT EXISTS ${OUT}/cdisc-usdm.toml)
  message(FATAL_ERROR "planner import-usdm failed (exit ${rc})")
endif()
execute_process(COMMAND ${PLANNER} calendar ${OUT}/cdisc-usdm.toml --day1 2026-01-05 --arm Placebo --format csv
                WORKING_DIRECTORY ${WORKDIR} OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(DEFINED ENV{UPDATE_GOLDEN})
  file(WRITE ${GOLDEN}.out "${out}")
endif()
if(NOT rc EQUAL 0 OR err)
  message(FATAL_ERROR "planner calendar failed (exit ${rc}):\n${err}")
endif()
file(READ ${GOLDEN}.out expected)
if(NOT out STREQUAL expected)
  message(FATAL_ERROR "the calendar differs from ${GOLDEN}.out:\n${out}")
endif()
