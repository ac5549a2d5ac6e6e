# The include rules of planner/ (CONTRIBUTING.md, "Layout"): each folder may include only the folders below it.
#
#   cli                  -> everything
#   io/interop, io/pipeline -> io/read, io/write, io (shared), core
#   io/read, io/write    -> io (shared), core        (read and write do not include each other)
#   io (shared files)    -> core
#   core                 -> core
#
# Usage: cmake -DROOT=<folder holding planner/> -P layers.cmake. Prints every include that breaks a rule as
# file: and fails when there is one.
cmake_minimum_required(VERSION 3.25)

# The layer of a path below planner/ (e.g. "io/read/csv.h" -> "read").
function(layer_of path out)
  if(path MATCHES "^core/")
    set(l core)
  elseif(path MATCHES "^io/(read|write|interop|pipeline)/")
    set(l ${CMAKE_MATCH_1})
  elseif(path MATCHES "^io/[^/]+$")
    set(l io)
  elseif(path MATCHES "^cli/")
    set(l cli)
  else()
    set(l unknown)
  endif()
  set(${out} ${l} PARENT_SCOPE)
endfunction()

set(allowed_core core)
set(allowed_io core io)
set(allowed_read core io read)
set(allowed_write core io write)
set(allowed_interop core io read write interop)
set(allowed_pipeline core io read write pipeline)
set(allowed_cli core io read write interop pipeline cli)

get_filename_component(ROOT "${ROOT}" ABSOLUTE)
file(GLOB_RECURSE sources RELATIVE ${ROOT}/planner ${ROOT}/planner/*.h ${ROOT}/planner/*.cc)
set(broken 0)
set(checked 0)
foreach(src IN LISTS sources)
  layer_of(${src} from)
  if(from STREQUAL "unknown")
    message("planner/${src}: error: not in a known layer (core, io, io/read, io/write, io/interop, io/pipeline, cli)")
    math(EXPR broken "${broken} + 1")
    continue()
  endif()
  file(STRINGS ${ROOT}/planner/${src} includes REGEX "^#include \"planner/")
  foreach(line IN LISTS includes)
    string(REGEX REPLACE "^#include \"planner/([^\"]+)\".*" "\\1" target "${line}")
    layer_of(${target} to)
    math(EXPR checked "${checked} + 1")
    if(NOT to IN_LIST allowed_${from})
      message("planner/${src}: error: ${from} may not include ${to} (planner/${target})")
      math(EXPR broken "${broken} + 1")
    endif()
  endforeach()
endforeach()
if(broken GREATER 0)
  message(FATAL_ERROR "${broken} include(s) break the layering")
endif()
message("${checked} includes of planner/ follow the layering")
