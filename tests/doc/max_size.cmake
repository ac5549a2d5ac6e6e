# Fails when FILE is larger than MAX bytes.   cmake -DFILE=README.md -DMAX=12000 -P max_size.cmake
file(SIZE ${FILE} size)
if(size GREATER MAX)
  message(FATAL_ERROR "${FILE} is ${size} bytes, more than ${MAX}: move reference material to docs/")
endif()
message(STATUS "${FILE}: ${size} bytes (at most ${MAX})")
