"""The issue's reference for `npm run bench:loader`: torchvision + PIL doing the paper's training
augmentation on one core, on the same JPEGs (write them with
`npm run bench:loader -- --write-jpegs DIR`).

    python3 tools/bench/torchvision_loader.py DIR [--repeats 3]

Needs torch, torchvision and Pillow (Debian: apt-get install python3-torchvision python3-pil).
Rows: decode only (PIL, RGB), and the full augmentation: random-sized crop with one of the four
interpolations, flip, colour jitter 0.4, AlexNet PCA lighting 0.1, to tensor, normalise. "Per core"
is images per CPU-second of this process, with torch limited to one thread.
"""
import argparse
import io
import os
import random
import time

import torch
from PIL import Image
from torchvision import transforms
from torchvision.transforms import InterpolationMode

EIGVAL = torch.tensor([0.2175, 0.0188, 0.0045])
EIGVEC = torch.tensor([[-0.5675, 0.7192, 0.4009], [-0.5808, -0.0045, -0.8140], [-0.5836, -0.6948, 0.4203]])


class Lighting:
    """AlexNet's PCA lighting noise (as in pytorch/examples and fb.resnet.torch)."""

    def __init__(self, std):
        self.std = std

    def __call__(self, img):
        alpha = img.new_empty(3).normal_(0, self.std)
        rgb = (EIGVEC * alpha.view(1, 3) * EIGVAL.view(1, 3)).sum(1)
        return img + rgb.view(3, 1, 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    torch.set_num_threads(1)
    random.seed(1)
    torch.manual_seed(1)
    files = sorted(os.listdir(args.dir))
    blobs = [open(os.path.join(args.dir, f), "rb").read() for f in files]
    modes = [InterpolationMode.BILINEAR, InterpolationMode.BOX, InterpolationMode.NEAREST, InterpolationMode.BICUBIC]
    augment = transforms.Compose(
        [
            transforms.RandomChoice([transforms.RandomResizedCrop(224, interpolation=m) for m in modes]),
            transforms.RandomHorizontalFlip(),
            transforms.ColorJitter(0.4, 0.4, 0.4),
            transforms.ToTensor(),
            Lighting(0.1),
            transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]),
        ]
    )

    def measure(fn):
        best = 0.0
        for _ in range(args.repeats):
            c0 = time.process_time()
            for b in blobs:
                fn(b)
            best = max(best, len(blobs) / (time.process_time() - c0))
        return best

    decode = measure(lambda b: Image.open(io.BytesIO(b)).convert("RGB"))
    full = measure(lambda b: augment(Image.open(io.BytesIO(b)).convert("RGB")))
    print(f"torch {torch.__version__}, torchvision, Pillow; {len(blobs)} JPEGs from {args.dir}")
    print(f"{'decode only (PIL)':<40} {decode:8.1f} img/s/core")
    print(f"{'full augmentation (torchvision)':<40} {full:8.1f} img/s/core")


if __name__ == "__main__":
    main()
