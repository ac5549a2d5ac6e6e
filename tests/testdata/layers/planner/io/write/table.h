#include "planner/io/read/csv.h"
#include "planner/core/pure.h"
