// Shapes of document that real ones take to extremes, at any size: a table run into paragraphs, a
// sentence of thousands of lists, an indicator table of thousands of rows, a page of thousands of
// tables. Used by the shape benchmark (shapes_bench.cpp) and by tools/shapes.sh, which counts the
// work each takes at two sizes (write_shapes.cpp writes them as files).
#pragma once

#include <string>
#include <vector>

namespace budgetlens::bench {

struct Shape {
  const char* name;
  const char* file;             // what the document is called, which tells text from a web page
  std::string (*build)(int n);  // the document with n repeats of its piece
};

const std::vector<Shape>& shapes();

}  // namespace budgetlens::bench
