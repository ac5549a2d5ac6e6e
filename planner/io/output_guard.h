// The file a run is going to replace, so that no input is ever read from it. Two paths name the same file
// when stat() gives the same device and inode: a path spelled differently (./a, dir/../a), a symbolic link
// to it or a hard link of it all count. Only a regular file is guarded; a device or a pipe given as the
// output (/dev/stdout, /dev/null) is written in place and is no input's content.
//
//   guard_output("out.csv");           // the CLI, once the options are parsed, before reading anything
//   check_not_output("roster.csv");    // every reader, before it opens a file: InputError (exit 2)
//                                      // "planner: error: --output 'out.csv' is the same file as the
//                                      // input 'roster.csv'; planner does not overwrite its inputs"
//
// The CLI checks the input files named on its command line at once (naming the option); readers check the
// files those inputs name in turn (holiday_files of a sites file, the protocols of a directory).
#pragma once

#include <string>
#include <string_view>

namespace planner {

// Whether `a` and `b` are the same existing regular file.
bool same_regular_file(const std::string& a, const std::string& b);

// Guards `output` for the rest of the run ("" or "-": standard output, nothing to guard).
void guard_output(const std::string& output);

// InputError when `input` is the guarded output; `what` names the input ("--roster", "the input").
void check_not_output(const std::string& input, std::string_view what = "the input");

}  // namespace planner
