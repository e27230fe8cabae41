// budgetlens_shapes DIR N: writes each shape of shapes.h with N repeats, as DIR/N_<file>.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "shapes.h"

int main(int argc, char** argv) {
  if (argc != 3 || std::atoi(argv[2]) <= 0) {
    std::fprintf(stderr, "usage: budgetlens_shapes DIR N\n");
    return 2;
  }
  const std::string dir = argv[1];
  const int n = std::atoi(argv[2]);
  for (const budgetlens::bench::Shape& shape : budgetlens::bench::shapes()) {
    std::string path = dir + "/" + std::to_string(n) + "_" + shape.file;
    std::ofstream out(path, std::ios::binary);
    out << shape.build(n);
    out.close();
    if (!out) {
      std::fprintf(stderr, "%s: cannot write\n", path.c_str());
      return 1;
    }
  }
  return 0;
}
