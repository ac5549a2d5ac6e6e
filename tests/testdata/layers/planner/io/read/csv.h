#include "planner/cli/options.h"
