# Runs one CLI command and compares its stdout, stderr and exit code with the golden files.
#   cmake -DPLANNER=... -DGOLDEN=<dir>/<name> -DEXIT=<code> -DARGS="a;b;c" -DWORKDIR=... -P run_golden.cmake
# Golden files: <name>.out (stdout) and, when present, <name>.err (stderr). With UPDATE_GOLDEN=1 in the
# environment the golden files are (re)written instead of compared.
execute_process(COMMAND ${PLANNER} ${ARGS}
                WORKING_DIRECTORY ${WORKDIR}
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(DEFINED ENV{UPDATE_GOLDEN})
  file(WRITE ${GOLDEN}.out "${out}")
  if(err OR EXISTS ${GOLDEN}.err)
    file(WRITE ${GOLDEN}.err "${err}")
  endif()
endif()
if(NOT rc EQUAL EXIT)
  message(FATAL_ERROR "exit code ${rc}, expected ${EXIT}\nstderr:\n${err}")
endif()
file(READ ${GOLDEN}.out expected_out)
if(NOT out STREQUAL expected_out)
  file(WRITE ${GOLDEN}.actual.out "${out}")
  message(FATAL_ERROR "stdout differs from ${GOLDEN}.out (actual output in ${GOLDEN}.actual.out):\n${out}")
endif()
if(EXISTS ${GOLDEN}.err)
  file(READ ${GOLDEN}.err expected_err)
  if(NOT err STREQUAL expected_err)
    message(FATAL_ERROR "stderr differs from ${GOLDEN}.err:\n${err}")
  endif()
elseif(err)
  message(FATAL_ERROR "unexpected stderr:\n${err}")
endif()
