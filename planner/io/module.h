// A module: a part of planner built as a shared object of its own and loaded only when a command needs it.
// Three libraries are used this way, because linking them into the program made every run map them and
// their dependencies (OpenSSL, minizip, ICU) and bind thousands of their symbols before main, ~5 ms of the
// 7.6 ms of a one-subject table run (docs/performance.md, "Start-up"):
//
//   module  file             library          used for                              interface
//   xlsx    planner-xlsx.so  libxlsxwriter    --format xlsx                         io/write/xlsx_workbook.h
//   xpt     planner-xpt.so   ReadStat         sdtm --format xpt                     io/interop/sdtm/xport.h
//   ical    planner-ical.so  libical (ICU)    --format ics, --previous              io/ical_library.h
//
// Each module exports one C function, planner_<module>_library(), returning its interface (an abstract
// class of planner's own whose implementation calls the library). The module is looked for, in order:
//   1. in the process already (a program linked with it: the unit tests, the fuzz targets);
//   2. <directory of the executable>/<PLANNER_MODULES_FROM_BINDIR>/ (installed: ../lib/<multiarch>/planner);
//   3. <directory of the executable>/modules/ (the build tree: build/modules/, beside build/planner).
//
//   const auto& xlsx = module_library<XlsxLibrary>("xlsx", "--format xlsx");   // dlopen the first time only
//
// A module that cannot be loaded (a broken installation) is an IoError, exit 3:
//   planner: error: cannot load planner's xlsx module (needed for --format xlsx): planner-xlsx.so: not found
//   (looked in /usr/lib/x86_64-linux-gnu/planner, /usr/bin/modules); reinstall planner
// (or, when the file is there but cannot be loaded, what dlopen says: a library of its own that is missing).
#pragma once

#include <bit>
#include <string>

namespace planner {

// The entry point planner_<module>_library of `module` ("xlsx"), loading the module the first time.
// `needed_for` says what asked for it ("--format xlsx"), for the error. Thread-safe.
void* module_entry(const std::string& module, const std::string& needed_for);

template <class Library>
const Library& module_library(const std::string& module, const std::string& needed_for) {
  using Entry = const Library* (*)();
  return *std::bit_cast<Entry>(module_entry(module, needed_for))();
}

}  // namespace planner
