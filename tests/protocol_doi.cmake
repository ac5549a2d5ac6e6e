# Checks the `doi` of every protocol file in a folder: the `[study]` table gives the DOI of the primary
# publication, or says explicitly that there is none and why. Either
#   doi = "10.1159/000431173"                       a bare DOI: 10.<registrant>/<suffix>, no https://doi.org/
#   doi = "none: not printed in the sources read"   the word none, a colon, a space and a reason (10+ characters)
# A missing doi, an empty one, a URL, a bare "none" or anything else is a problem, named file:line:col.
# The value must be a one-line basic string ("…") inside [study], as in every bundled protocol.
#   cmake -DPROTOCOLS=<folder with *.toml> [-DEXPECT=<file>] -P protocol_doi.cmake
cmake_minimum_required(VERSION 3.25)

# Crossref's pattern for modern DOIs, /^10.\d{4,9}\/[-._;()\/:A-Z0-9]+$/i, in CMake's regex dialect (no {m,n}:
# four or more digits). A reason is the rest of the string after "none: ", at least 10 characters.
set(doi_shape "^10\\.[0-9][0-9][0-9][0-9][0-9]*/[-._;()/:A-Za-z0-9]+$")
set(none_shape "^none: [^ ].........")

include(${CMAKE_CURRENT_LIST_DIR}/problems.cmake)
planner_protocol_files(protocols)

set(problems "")
set(dois 0)
set(nones 0)
foreach(path IN LISTS protocols)
  file(READ "${path}" text)
  # Semicolons would split the CMake list of lines; a DOI may contain one, so they travel as a placeholder.
  string(REPLACE ";" "<semicolon>" text "${text}")
  string(REPLACE "\r" "" text "${text}")
  string(REPLACE "\n" ";" lines "${text}")
  set(n 0)
  set(in_study FALSE)
  set(study_line 0)
  set(found FALSE)
  foreach(line IN LISTS lines)
    math(EXPR n "${n} + 1")
    if(line MATCHES "^[ \t]*\\[")
      set(in_study FALSE)
      if(line MATCHES "^[ \t]*\\[study\\][ \t]*(#.*)?$")
        set(in_study TRUE)
        set(study_line ${n})
      endif()
      continue()
    endif()
    if(NOT in_study OR NOT line MATCHES "^([ \t]*)doi[ \t]*=")
      continue()
    endif()
    set(found TRUE)
    string(LENGTH "${CMAKE_MATCH_1}" indent)
    math(EXPR col "${indent} + 1")
    if(NOT line MATCHES "^[ \t]*doi[ \t]*=[ \t]*\"([^\"\\\\]*)\"[ \t]*(#.*)?$")
      string(APPEND problems "${path}:${n}:${col}: doi must be a one-line string \"10.…\" or \"none: <reason>\"\n")
      continue()
    endif()
    string(REPLACE "<semicolon>" ";" value "${CMAKE_MATCH_1}")
    if(value MATCHES "${doi_shape}")
      math(EXPR dois "${dois} + 1")
    elseif(value MATCHES "${none_shape}")
      math(EXPR nones "${nones} + 1")
    else()
      string(APPEND problems "${path}:${n}:${col}: doi \"${value}\" is neither a DOI (10.<registrant>/<suffix>) "
                             "nor \"none: <reason>\" (a reason of 10 or more characters)\n")
    endif()
  endforeach()
  if(NOT found)
    if(study_line EQUAL 0)
      string(APPEND problems "${path}: no [study] table\n")
    else()
      string(APPEND problems "${path}:${study_line}:1: [study] has no doi: give the DOI of the primary publication "
                             "or \"none: <reason>\"\n")
    endif()
  endif()
endforeach()

planner_end_check(problems "a protocol file's doi is neither a DOI nor an explicit none with a reason (see above)")
list(LENGTH protocols n_protocols)
message(STATUS "${n_protocols} protocol files: ${dois} give a DOI, ${nones} say none with a reason")
