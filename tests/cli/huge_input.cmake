# Inputs too large to commit, made on the fly: one roster row of 50 MB, a row of 60 million commas, a row of
# nine 1 MB fields (each within the field bound, 9 MB together), and an endless FIFO (/dev/zero) given as a
# holiday file and as a protocol. Each stops at its bound with exit 2 and a message naming file:line:col,
# within a few seconds and without taking gigabytes.
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
set(protocol nahm2023-autologous-serum-ad)
set(header "echo subject,arm,site,day1")

function(expect_error name shell expected)
  execute_process(COMMAND sh -c "${shell}"
                  COMMAND ${PLANNER} ${ARGN}
                  WORKING_DIRECTORY ${WORKDIR} OUTPUT_VARIABLE out ERROR_VARIABLE err RESULTS_VARIABLE rcs)
  list(GET rcs 1 rc)
  if(NOT rc EQUAL 2 OR NOT err STREQUAL "${expected}" OR NOT out STREQUAL "")
    message(FATAL_ERROR "${name}: exit ${rc}, stderr:\n${err}\nexpected:\n${expected}")
  endif()
endfunction()

expect_error("a 50 MB field" "{ ${header}; head -c 50000000 /dev/zero | tr '\\0' x; }"
             "/dev/stdin:2:1: error: a field is longer than 1 MiB\n" load ${protocol} --roster /dev/stdin)
expect_error("60 million commas" "{ ${header}; head -c 60000000 /dev/zero | tr '\\0' ,; }"
             "/dev/stdin:2:262145: error: a row with more than 262144 fields\n" load ${protocol} --roster /dev/stdin)
expect_error("a 9 MB row" "{ ${header}; head -c 9000000 /dev/zero | tr '\\0' x | fold -w 1000000 | tr '\\n' ,; }"
             "/dev/stdin:2:1: error: a row is longer than 8 MiB\n" load ${protocol} --roster /dev/stdin)

execute_process(COMMAND mkfifo ${OUT}/zero RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "mkfifo failed")
endif()
expect_error("an endless holiday file" "cat /dev/zero > '${OUT}/zero' 2>/dev/null"
             "${OUT}/zero: error: the file is larger than 64 MiB, the most planner reads of a protocol, sites, holiday or USDM file\n"
             calendar ${protocol} --arm SERUM --day1 2026-01-05 --holidays ${OUT}/zero)
expect_error("an endless protocol" "cat /dev/zero > '${OUT}/zero' 2>/dev/null"
             "${OUT}/zero: error: the file is larger than 64 MiB, the most planner reads of a protocol, sites, holiday or USDM file\n"
             show ${OUT}/zero)
