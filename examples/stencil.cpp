// Heat diffusion on a ring of cells, frame by frame. Each frame computes
// the next state and a smoothed copy in scratch buffers taken from the
// simulation's own AllocBuffer; the frame's no_escape block gives them back.
// The buffer holds two frames' worth: without the guard, frame 2 runs out.
#include <bumper/bumper.hpp>

#include <cstdio>
#include <span>
#include <vector>

class Simulation {
public:
  explicit Simulation(std::size_t cells)
      : temperature_(cells, 0.0), scratch_(4 * cells * sizeof(double)) {
    temperature_[0] = 1000.0;
  }

  void step() {
    const std::size_t n = temperature_.size();
    [[bumper::no_escape(scratch_)]] {
      std::span<double> next = bumper::alloc<double>(scratch_, n);
      std::span<double> smooth = bumper::alloc<double>(scratch_, n);
      for (std::size_t i = 0; i < n; ++i) {
        double left = temperature_[(i + n - 1) % n];
        double right = temperature_[(i + 1) % n];
        next[i] = temperature_[i] + 0.25 * (left - 2 * temperature_[i] + right);
      }
      for (std::size_t i = 0; i < n; ++i)
        smooth[i] =
            0.5 * next[i] + 0.25 * (next[(i + n - 1) % n] + next[(i + 1) % n]);
      for (std::size_t i = 0; i < n; ++i)
        temperature_[i] = 0.5 * (next[i] + smooth[i]);
    }
  }

  double total() const {
    double sum = 0;
    for (double t : temperature_)
      sum += t;
    return sum;
  }
  double at(std::size_t i) const { return temperature_[i]; }

private:
  std::vector<double> temperature_;
  bumper::AllocBuffer scratch_;
};

int main() {
  Simulation sim(64);
  int frame = 0;
  try {
    for (; frame < 200; ++frame)
      sim.step();
  } catch (const std::bad_alloc &) {
    std::printf("stencil: out of scratch memory in frame %d: is the guard "
                "missing?\n",
                frame);
    return 1;
  }
  std::printf("stencil: %d frames, heat %.1f, cell 0 %.3f, cell 32 %.3f\n",
              frame, sim.total(), sim.at(0), sim.at(32));
  return 0;
}
