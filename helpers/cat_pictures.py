"""Procedurally drawn "cat / not a cat" pictures, the course's default dataset.

The cat-classifier assignments need small labelled RGB images.  Instead of
downloading photographs, this module paints its own 64x64 pictures with
Pillow, so the dataset is made on the spot, needs no network and can be
shipped freely.  The only public function is :func:`draw_dataset`.

What is drawn
-------------
* **Cats** (label 1): either a cat's face seen from the front, or a whole cat
  sitting with its tail curled round.  Every cat has pointed triangular ears
  with pink insides, eyes with slit pupils, a pink nose, a mouth and
  whiskers.  Coat (black, tuxedo, white, silver tabby, ginger tabby, brown
  tabby), eye colour, size, position and a slight tilt vary.
* **Non-cats** (label 0): everyday things that are clearly not cats -
  houses, trees, cars, flowers, balls, mugs, fish, birds, boats, a sun over
  hills, tall buildings, fruit, mushrooms and umbrellas.  Many of them are
  painted in the cats' fur colours, so colour alone does not give the answer.

Both classes sit on backgrounds drawn from one shared distribution (plain
colours, gradients, a wall above a floor, sky above grass, wallpaper
patterns), so the background says nothing about the label.

Difficulty
----------
The data is meant to reproduce the course's lesson: a logistic regression on
raw pixels reaches only a modest test accuracy, while a small deep ReLU
network fits the training set and generalises clearly better.  Two choices
matter most for that:

* Cat coats are either very dark or very light.  A single linear template
  cannot describe "a dark cat on a light wall *or* a light cat on a dark
  wall", but a network with a hidden layer can.
* A contrast curve (``GAMMA``) deepens the colours.  It keeps the pixel
  vectors of different pictures far enough apart (smaller mean cosine
  similarity) for the course's 4-layer network, with its fixed
  initialisation, to start learning instead of getting stuck predicting
  the majority class.

How it is drawn
---------------
Each picture is painted at ``SUPERSAMPLE`` times the final resolution and
shrunk with a Lanczos filter for smooth, anti-aliased edges; then the
contrast curve, a random brightness and a little Gaussian pixel noise are
applied.  All randomness comes from one ``numpy.random.Generator`` with a
constant seed, so :func:`draw_dataset` returns bit-identical arrays on every
call.
"""

import math

import numpy as np
from PIL import Image, ImageDraw

# ---------------------------------------------------------------------------
# Dataset layout
# ---------------------------------------------------------------------------
# Every seed tried (1 to 8) keeps the lesson; this one gives test numbers
# close to the typical ones.
SEED = 2
IMAGE_SIZE = 64
SUPERSAMPLE = 4
CANVAS = IMAGE_SIZE * SUPERSAMPLE

TRAIN_CATS, TRAIN_OTHERS = 72, 137
TEST_CATS, TEST_OTHERS = 33, 17

# ---------------------------------------------------------------------------
# Difficulty knobs
# ---------------------------------------------------------------------------
NOISE_STD = 4.0                 # std of Gaussian pixel noise (0..255 scale)
SUBJECT_HALF_SIZE = (60, 95)    # half extent of the main subject, canvas px
MAX_TILT_DEGREES = 8            # the subject is rotated by up to this much
POSITION_JITTER = 0.1           # share of the free room the subject may move in
BRIGHTNESS_RANGE = (0.8, 1.15)  # per-picture brightness factor
GAMMA = 2.5                     # contrast curve: value -> value ** GAMMA

# ---------------------------------------------------------------------------
# Colours
# ---------------------------------------------------------------------------
# Each coat: (fur, stripe or None, muzzle/chest or None, inner ear).  Coats
# are deliberately either dark or light (see "Difficulty" above).
CAT_COATS = {
    "black": ((28, 28, 32), None, None, (120, 80, 90)),
    "tuxedo": ((30, 30, 34), None, (240, 240, 236), (130, 90, 100)),
    "brown tabby": ((116, 76, 46), (66, 42, 24), (190, 150, 110), (200, 130, 120)),
    "white": ((240, 238, 232), None, None, (246, 170, 180)),
    "silver tabby": ((228, 228, 234), (150, 150, 160), None, (240, 170, 180)),
    "ginger tabby": ((236, 206, 160), (206, 160, 110), None, (244, 170, 160)),
}
EYE_COLOURS = [
    (96, 176, 64), (214, 190, 40), (92, 150, 222), (214, 140, 36),
    (160, 200, 70), (196, 120, 40),
]
NOSE_PINK = (232, 130, 140)
OUTLINE_DARK = (25, 20, 20)

# Colours shared by cats and other things, so colour is not a shortcut.
FUR_LIKE = [coat[0] for coat in CAT_COATS.values()]
BRIGHT = [
    (210, 40, 40), (40, 90, 200), (240, 200, 40), (50, 160, 70),
    (150, 60, 170), (240, 120, 170), (30, 170, 180), (250, 150, 30),
]
BACKGROUND_COLOURS = [
    (235, 230, 215), (200, 220, 235), (190, 215, 180), (120, 150, 200),
    (230, 200, 160), (160, 120, 90), (90, 90, 100), (245, 245, 245),
    (60, 60, 70), (210, 180, 200), (170, 170, 160), (230, 220, 120),
    (100, 140, 90), (200, 160, 120), (140, 110, 80), (180, 200, 210),
]


# ---------------------------------------------------------------------------
# Small utilities
# ---------------------------------------------------------------------------

def _jitter(colour, rng, amount=18):
    """Return ``colour`` with each channel shifted by up to ``amount``."""
    shifted = np.asarray(colour) + rng.integers(-amount, amount + 1, size=3)
    return tuple(int(c) for c in np.clip(shifted, 0, 255))


def _darker(colour, factor=0.6):
    return tuple(int(c * factor) for c in colour)


def _lighter(colour, factor=0.5):
    return tuple(int(c + (255 - c) * factor) for c in colour)


def _pick(rng, options):
    """Pick one element of a list with the generator (keeps determinism)."""
    return options[int(rng.integers(len(options)))]


def _circle(draw, cx, cy, r, fill, outline=None, width=1):
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=fill, outline=outline, width=width)


def _scale_triangle(points, factor):
    """Shrink a polygon towards its centroid (used for inner ears)."""
    mx = sum(p[0] for p in points) / len(points)
    my = sum(p[1] for p in points) / len(points)
    return [(mx + (x - mx) * factor, my + (y - my) * factor) for x, y in points]


def _polyline(draw, points, fill, width):
    """A thick line through ``points`` with rounded joints."""
    draw.line(points, fill=fill, width=width, joint="curve")
    r = width / 2
    for x, y in (points[0], points[-1]):
        draw.ellipse([x - r, y - r, x + r, y + r], fill=fill)


# ---------------------------------------------------------------------------
# Backgrounds (shared by both classes)
# ---------------------------------------------------------------------------

def _vertical_blend(top, bottom):
    """An RGB array fading from ``top`` to ``bottom`` down the canvas."""
    t = np.linspace(0.0, 1.0, CANVAS)[:, None, None]
    grad = (1 - t) * np.asarray(top, float) + t * np.asarray(bottom, float)
    return np.broadcast_to(grad, (CANVAS, CANVAS, 3)).copy()


def _background_plain(rng):
    colour = _jitter(_pick(rng, BACKGROUND_COLOURS), rng, 25)
    return np.full((CANVAS, CANVAS, 3), colour, dtype=float)


def _background_gradient(rng):
    top = _jitter(_pick(rng, BACKGROUND_COLOURS), rng, 25)
    bottom = _jitter(_pick(rng, BACKGROUND_COLOURS), rng, 25)
    return _vertical_blend(top, bottom)


def _background_wall_and_floor(rng):
    wall = np.asarray(_jitter(_pick(rng, BACKGROUND_COLOURS), rng, 20), float)
    floor = np.asarray(_jitter(_pick(rng, BACKGROUND_COLOURS[4:10]), rng, 20), float)
    horizon = int(rng.integers(CANVAS * 55 // 100, CANVAS * 80 // 100))
    img = np.empty((CANVAS, CANVAS, 3))
    img[:horizon] = wall
    img[horizon:] = floor
    if rng.random() < 0.5:  # floor boards
        step = int(rng.integers(20, 40))
        img[horizon:, ::step] *= 0.8
    return img


def _background_sky_and_grass(rng):
    sky_top = _jitter((90, 150, 225), rng, 25)
    sky_low = _jitter((200, 225, 245), rng, 20)
    img = _vertical_blend(sky_top, sky_low)
    horizon = int(rng.integers(CANVAS * 50 // 100, CANVAS * 80 // 100))
    grass = np.asarray(_jitter((80, 150, 60), rng, 30), float)
    img[horizon:] = grass
    return img


def _background_wallpaper(rng):
    base = np.asarray(_jitter(_pick(rng, BACKGROUND_COLOURS), rng, 20), float)
    accent = np.asarray(_jitter(_pick(rng, BACKGROUND_COLOURS), rng, 20), float)
    img = np.full((CANVAS, CANVAS, 3), base)
    yy, xx = np.mgrid[0:CANVAS, 0:CANVAS]
    step = int(rng.integers(18, 44))
    style = int(rng.integers(3))
    if style == 0:    # vertical stripes
        mask = (xx // step) % 2 == 0
    elif style == 1:  # checker board
        mask = ((xx // step) + (yy // step)) % 2 == 0
    else:             # polka dots
        mask = ((xx % step - step / 2) ** 2 + (yy % step - step / 2) ** 2) < (step / 4) ** 2
    img[mask] = 0.6 * base + 0.4 * accent
    return img


BACKGROUNDS = [
    _background_plain, _background_gradient, _background_wall_and_floor,
    _background_sky_and_grass, _background_wallpaper,
]


def _draw_background(rng):
    painter = _pick(rng, BACKGROUNDS)
    array = np.clip(painter(rng), 0, 255).astype(np.uint8)
    return Image.fromarray(array, "RGB")


# ---------------------------------------------------------------------------
# Cats
# ---------------------------------------------------------------------------

def _random_coat(rng):
    name = _pick(rng, sorted(CAT_COATS))
    fur, stripe, muzzle, inner_ear = CAT_COATS[name]
    return {
        "fur": _jitter(fur, rng, 14),
        "stripe": stripe,
        "muzzle": muzzle,
        "inner_ear": inner_ear,
        "eyes": _jitter(_pick(rng, EYE_COLOURS), rng, 15),
    }


def _whisker_colour(fur):
    return (235, 235, 235) if sum(fur) < 300 else (45, 40, 40)


def _draw_cat_ears(draw, cx, cy, r, coat, rng):
    spread = rng.uniform(0.85, 1.0)
    height = rng.uniform(1.25, 1.5)
    for side in (-1, 1):
        ear = [
            (cx + side * spread * r, cy - 0.15 * r),
            (cx + side * 0.72 * r, cy - height * r),
            (cx + side * 0.12 * r, cy - 0.8 * r),
        ]
        draw.polygon(ear, fill=coat["fur"])
        draw.polygon(_scale_triangle(ear, 0.55), fill=coat["inner_ear"])


def _draw_tabby_marks(draw, cx, cy, r, stripe):
    w = max(2, int(r * 0.08))
    for dx in (-0.22, 0.0, 0.22):  # stripes on the forehead
        draw.line([cx + dx * r, cy - 0.82 * r, cx + dx * 0.8 * r, cy - 0.45 * r], fill=stripe, width=w)
    for side in (-1, 1):  # cheek stripes
        for dy in (0.1, 0.28):
            draw.line([cx + side * 0.98 * r, cy + dy * r, cx + side * 0.7 * r, cy + (dy + 0.04) * r],
                      fill=stripe, width=w)


def _draw_cat_eyes(draw, cx, cy, r, coat, rng):
    eye_w = r * rng.uniform(0.2, 0.26)
    eye_h = eye_w * rng.uniform(0.8, 1.0)
    pupil_w = eye_w * rng.uniform(0.22, 0.5)
    for side in (-1, 1):
        ex, ey = cx + side * 0.4 * r, cy - 0.1 * r
        draw.ellipse([ex - eye_w, ey - eye_h, ex + eye_w, ey + eye_h],
                     fill=coat["eyes"], outline=OUTLINE_DARK, width=max(1, int(r * 0.04)))
        draw.ellipse([ex - pupil_w, ey - eye_h * 0.9, ex + pupil_w, ey + eye_h * 0.9], fill=(10, 10, 10))
        _circle(draw, ex - eye_w * 0.35, ey - eye_h * 0.4, eye_w * 0.2, (255, 255, 255))


def _draw_cat_mouth_and_whiskers(draw, cx, cy, r, coat):
    nose_y = cy + 0.18 * r
    draw.polygon([(cx - 0.12 * r, nose_y), (cx + 0.12 * r, nose_y), (cx, nose_y + 0.12 * r)], fill=NOSE_PINK)
    w = max(2, int(r * 0.04))
    mouth_y = nose_y + 0.26 * r
    draw.line([cx, nose_y + 0.12 * r, cx, mouth_y - 0.06 * r], fill=OUTLINE_DARK, width=w)
    for side in (-1, 1):
        x0, x1 = sorted((cx, cx + side * 0.26 * r))
        draw.arc([x0, mouth_y - 0.2 * r, x1, mouth_y], start=20, end=160, fill=OUTLINE_DARK, width=w)
    whisker = _whisker_colour(coat["fur"])
    for side in (-1, 1):
        for k in (-1, 0, 1):
            start = (cx + side * 0.3 * r, nose_y + 0.16 * r + k * 0.06 * r)
            end = (cx + side * 1.35 * r, nose_y + 0.05 * r + k * 0.22 * r)
            draw.line([start, end], fill=whisker, width=w)


def _draw_cat_head(draw, cx, cy, r, coat, rng):
    """A cat's face centred at (cx, cy) with head radius ``r``."""
    _draw_cat_ears(draw, cx, cy, r, coat, rng)
    draw.ellipse([cx - 1.05 * r, cy - 0.9 * r, cx + 1.05 * r, cy + 0.85 * r], fill=coat["fur"])
    if coat["stripe"] is not None:
        _draw_tabby_marks(draw, cx, cy, r, coat["stripe"])
    if coat["muzzle"] is not None:
        for side in (-1, 1):
            mx = cx + side * 0.2 * r
            draw.ellipse([mx - 0.28 * r, cy + 0.12 * r, mx + 0.28 * r, cy + 0.62 * r], fill=coat["muzzle"])
    _draw_cat_eyes(draw, cx, cy, r, coat, rng)
    _draw_cat_mouth_and_whiskers(draw, cx, cy, r, coat)


def _draw_cat_tail(draw, points, coat, width):
    _polyline(draw, points, coat["fur"], width)
    if coat["stripe"] is not None:
        for x, y in points[1:-1]:
            _circle(draw, x, y, width * 0.35, coat["stripe"])


def _draw_cat_face(draw, cx, cy, size, rng):
    """Portrait: only the head, large in the frame."""
    coat = _random_coat(rng)
    r = size * 0.72
    _draw_cat_head(draw, cx, cy + 0.2 * r, r, coat, rng)


def _draw_cat_sitting(draw, cx, cy, size, rng):
    """A cat sitting, seen from the front, with its tail curling to one side."""
    coat = _random_coat(rng)
    r = size * 0.42
    head_y = cy - 0.95 * r
    body_top, body_bottom = head_y + 0.3 * r, cy + 2.0 * r
    side = 1 if rng.random() < 0.5 else -1
    tail = [(cx + side * 0.6 * r, body_bottom - 0.2 * r), (cx + side * 1.5 * r, body_bottom - 0.4 * r),
            (cx + side * 1.9 * r, body_bottom - 1.2 * r), (cx + side * 1.7 * r, body_bottom - 2.0 * r)]
    _draw_cat_tail(draw, tail, coat, int(r * 0.3))
    draw.ellipse([cx - 0.95 * r, body_top, cx + 0.95 * r, body_bottom], fill=coat["fur"])
    if coat["muzzle"] is not None:
        chest = [cx - 0.45 * r, body_top + 0.6 * r, cx + 0.45 * r, body_bottom - 0.3 * r]
        draw.ellipse(chest, fill=coat["muzzle"])
    if coat["stripe"] is not None:
        width = int(r * 0.1)
        for k in range(3):  # stripes curving round both flanks
            y = body_top + (0.9 + 0.35 * k) * r
            draw.arc([cx - 0.95 * r, y - 0.3 * r, cx - 0.3 * r, y + 0.3 * r], 120, 240,
                     fill=coat["stripe"], width=width)
            draw.arc([cx + 0.3 * r, y - 0.3 * r, cx + 0.95 * r, y + 0.3 * r], -60, 60,
                     fill=coat["stripe"], width=width)
    paw = _lighter(coat["fur"], 0.25) if coat["muzzle"] is None else coat["muzzle"]
    for dx in (-0.35, 0.35):
        draw.ellipse([cx + (dx - 0.25) * r, body_bottom - 0.25 * r,
                      cx + (dx + 0.25) * r, body_bottom + 0.1 * r], fill=paw)
    _draw_cat_head(draw, cx, head_y, r, coat, rng)


# Faces are drawn twice as often as whole sitting cats.
CAT_POSES = [_draw_cat_face, _draw_cat_face, _draw_cat_sitting]


# ---------------------------------------------------------------------------
# Things that are not cats
# ---------------------------------------------------------------------------

def _any_colour(rng, fur_share=0.4):
    """A colour that is fur-like with probability ``fur_share``, else bright."""
    palette = FUR_LIKE if rng.random() < fur_share else BRIGHT
    return _jitter(_pick(rng, palette), rng, 16)


def _draw_house(draw, cx, cy, s, rng):
    wall = _any_colour(rng)
    roof = _jitter(_pick(rng, [(170, 50, 40), (90, 60, 50), (60, 60, 70), (200, 110, 60)]), rng)
    left, right, top, bottom = cx - 0.75 * s, cx + 0.75 * s, cy - 0.1 * s, cy + 0.9 * s
    draw.polygon([(left - 0.15 * s, top), (cx, cy - 0.95 * s), (right + 0.15 * s, top)], fill=roof)
    draw.rectangle([left, top, right, bottom], fill=wall)
    draw.rectangle([cx - 0.15 * s, cy + 0.4 * s, cx + 0.15 * s, bottom], fill=_darker(wall, 0.45))
    glass = _jitter((170, 210, 240), rng)
    for wx in (-0.5, 0.5):
        x = cx + wx * s
        draw.rectangle([x - 0.17 * s, cy + 0.1 * s, x + 0.17 * s, cy + 0.42 * s],
                       fill=glass, outline=(250, 250, 250), width=3)


def _draw_tree(draw, cx, cy, s, rng):
    trunk = _jitter((110, 72, 40), rng)
    draw.rectangle([cx - 0.12 * s, cy + 0.1 * s, cx + 0.12 * s, cy + s], fill=trunk)
    leaves = _jitter(_pick(rng, [(50, 140, 50), (30, 100, 40), (220, 130, 40), (160, 170, 50)]), rng)
    if rng.random() < 0.5:  # round leafy crown
        for dx, dy, rr in ((0, -0.35, 0.55), (-0.4, -0.05, 0.4), (0.4, -0.05, 0.4), (0, -0.7, 0.35)):
            _circle(draw, cx + dx * s, cy + dy * s, rr * s, leaves)
    else:  # pine tree
        for k in range(3):
            y = cy - 0.95 * s + k * 0.4 * s
            half = (0.35 + 0.18 * k) * s
            draw.polygon([(cx, y), (cx - half, y + 0.55 * s), (cx + half, y + 0.55 * s)], fill=leaves)


def _draw_car(draw, cx, cy, s, rng):
    body = _any_colour(rng)
    draw.rounded_rectangle([cx - s, cy - 0.05 * s, cx + s, cy + 0.45 * s], radius=0.15 * s, fill=body)
    draw.polygon([(cx - 0.55 * s, cy - 0.05 * s), (cx - 0.35 * s, cy - 0.45 * s),
                  (cx + 0.35 * s, cy - 0.45 * s), (cx + 0.6 * s, cy - 0.05 * s)], fill=body)
    glass = _jitter((170, 210, 240), rng)
    low, high = cy - 0.08 * s, cy - 0.38 * s
    draw.polygon([(cx - 0.45 * s, low), (cx - 0.3 * s, high), (cx - 0.03 * s, high), (cx - 0.03 * s, low)], fill=glass)
    draw.polygon([(cx + 0.03 * s, low), (cx + 0.03 * s, high), (cx + 0.3 * s, high), (cx + 0.5 * s, low)], fill=glass)
    for wx in (-0.55, 0.55):
        _circle(draw, cx + wx * s, cy + 0.45 * s, 0.24 * s, (25, 25, 25))
        _circle(draw, cx + wx * s, cy + 0.45 * s, 0.1 * s, (190, 190, 195))
    _circle(draw, cx + 0.92 * s, cy + 0.1 * s, 0.06 * s, (250, 240, 150))


def _draw_flower(draw, cx, cy, s, rng):
    stem = _jitter((60, 140, 50), rng)
    draw.line([cx, cy, cx, cy + s], fill=stem, width=int(0.08 * s))
    draw.ellipse([cx, cy + 0.45 * s, cx + 0.4 * s, cy + 0.65 * s], fill=stem)
    petal = _any_colour(rng, 0.3)
    n = int(rng.integers(5, 9))
    for k in range(n):
        a = 2 * math.pi * k / n
        _circle(draw, cx + 0.32 * s * math.cos(a), cy - 0.25 * s + 0.32 * s * math.sin(a), 0.2 * s, petal)
    _circle(draw, cx, cy - 0.25 * s, 0.18 * s, _jitter((240, 200, 40), rng))


def _draw_ball(draw, cx, cy, s, rng):
    r = s * rng.uniform(0.55, 0.8)
    colour = _any_colour(rng)
    _circle(draw, cx, cy, r, colour)
    style = int(rng.integers(3))
    line = _darker(colour, 0.4)
    w = max(2, int(r * 0.06))
    if style == 0:  # basketball seams
        draw.line([cx - r, cy, cx + r, cy], fill=line, width=w)
        draw.line([cx, cy - r, cx, cy + r], fill=line, width=w)
        draw.arc([cx - 1.6 * r, cy - r, cx - 0.2 * r, cy + r], -50, 50, fill=line, width=w)
        draw.arc([cx + 0.2 * r, cy - r, cx + 1.6 * r, cy + r], 130, 230, fill=line, width=w)
    elif style == 1:  # beach ball segments
        for k in range(0, 6, 2):
            draw.pieslice([cx - r, cy - r, cx + r, cy + r], k * 60, k * 60 + 60, fill=_any_colour(rng, 0.0))
    else:  # shine only
        _circle(draw, cx - 0.35 * r, cy - 0.35 * r, 0.2 * r, _lighter(colour, 0.6))


def _draw_mug(draw, cx, cy, s, rng):
    colour = _any_colour(rng)
    left, right, top, bottom = cx - 0.55 * s, cx + 0.4 * s, cy - 0.55 * s, cy + 0.7 * s
    w = int(0.14 * s)
    draw.ellipse([right - 0.3 * s, cy - 0.3 * s, right + 0.45 * s, cy + 0.35 * s], outline=colour, width=w)
    draw.rounded_rectangle([left, top, right, bottom], radius=0.1 * s, fill=colour)
    draw.ellipse([left, top - 0.1 * s, right, top + 0.1 * s], fill=_darker(colour, 0.5))
    if rng.random() < 0.5:  # steam
        steam = (235, 235, 235)
        for dx in (-0.25, 0.05):
            x = cx + dx * s
            draw.line([x, top - 0.2 * s, x + 0.08 * s, top - 0.4 * s, x, top - 0.6 * s],
                      fill=steam, width=int(0.05 * s))


def _draw_fish(draw, cx, cy, s, rng):
    colour = _any_colour(rng)
    side = 1 if rng.random() < 0.5 else -1
    tail_x = cx - side * 0.7 * s
    fin = _darker(colour, 0.75)
    tail_end = tail_x - side * 0.45 * s
    draw.polygon([(tail_x, cy), (tail_end, cy - 0.4 * s), (tail_end, cy + 0.4 * s)], fill=fin)
    draw.ellipse([cx - 0.85 * s, cy - 0.4 * s, cx + 0.85 * s, cy + 0.4 * s], fill=colour)
    draw.polygon([(cx - 0.2 * s, cy - 0.35 * s), (cx + 0.1 * s, cy - 0.65 * s), (cx + 0.3 * s, cy - 0.32 * s)], fill=fin)
    ex = cx + side * 0.5 * s
    _circle(draw, ex, cy - 0.1 * s, 0.1 * s, (250, 250, 250))
    _circle(draw, ex, cy - 0.1 * s, 0.05 * s, (10, 10, 10))
    draw.arc([cx + side * 0.05 * s - 0.2 * s, cy - 0.3 * s, cx + side * 0.05 * s + 0.2 * s, cy + 0.3 * s],
             -60 if side > 0 else 120, 60 if side > 0 else 240, fill=_darker(colour, 0.5), width=3)


def _draw_bird(draw, cx, cy, s, rng):
    colour = _any_colour(rng)
    side = 1 if rng.random() < 0.5 else -1
    leg = (200, 140, 40)
    for dx in (-0.12, 0.12):
        draw.line([cx + dx * s, cy + 0.4 * s, cx + dx * s, cy + 0.8 * s], fill=leg, width=int(0.05 * s))
    tail = [(cx - side * 0.5 * s, cy), (cx - side * 1.0 * s, cy - 0.15 * s), (cx - side * 0.95 * s, cy + 0.2 * s)]
    draw.polygon(tail, fill=_darker(colour, 0.7))
    draw.ellipse([cx - 0.6 * s, cy - 0.35 * s, cx + 0.6 * s, cy + 0.45 * s], fill=colour)
    hx, hy = cx + side * 0.5 * s, cy - 0.45 * s
    _circle(draw, hx, hy, 0.3 * s, colour)
    beak = [(hx + side * 0.25 * s, hy - 0.08 * s), (hx + side * 0.6 * s, hy + 0.02 * s), (hx + side * 0.25 * s, hy + 0.1 * s)]
    draw.polygon(beak, fill=(240, 170, 30))
    _circle(draw, hx + side * 0.1 * s, hy - 0.06 * s, 0.06 * s, (10, 10, 10))
    draw.ellipse([cx - 0.35 * s, cy - 0.1 * s, cx + 0.3 * s, cy + 0.3 * s], fill=_darker(colour, 0.7))


def _draw_boat(draw, cx, cy, s, rng):
    hull = _any_colour(rng)
    water = _jitter((50, 110, 190), rng)
    draw.rectangle([0, cy + 0.45 * s, CANVAS, cy + 1.1 * s], fill=water)
    deck, keel = cy + 0.15 * s, cy + 0.6 * s
    draw.polygon([(cx - s, deck), (cx + s, deck), (cx + 0.7 * s, keel), (cx - 0.7 * s, keel)], fill=hull)
    draw.line([cx, cy + 0.15 * s, cx, cy - s], fill=(90, 60, 40), width=int(0.05 * s))
    sail = _jitter(_pick(rng, [(245, 245, 240), (220, 60, 50), (240, 200, 60)]), rng)
    boom = cy + 0.05 * s
    draw.polygon([(cx + 0.05 * s, cy - 0.95 * s), (cx + 0.05 * s, boom), (cx + 0.75 * s, boom)], fill=sail)
    draw.polygon([(cx - 0.05 * s, cy - 0.7 * s), (cx - 0.05 * s, boom), (cx - 0.55 * s, boom)], fill=_darker(sail, 0.9))


def _draw_sun_over_hills(draw, cx, cy, s, rng):
    sun = _jitter((250, 200, 50), rng)
    sx, sy = cx + rng.uniform(-0.4, 0.4) * s, cy - 0.4 * s
    for k in range(10):
        a = 2 * math.pi * k / 10
        draw.line([sx + 0.4 * s * math.cos(a), sy + 0.4 * s * math.sin(a),
                   sx + 0.6 * s * math.cos(a), sy + 0.6 * s * math.sin(a)], fill=sun, width=int(0.06 * s))
    _circle(draw, sx, sy, 0.32 * s, sun)
    for k, dx in enumerate((-0.7, 0.6)):
        hill = _jitter((70 + 30 * k, 150, 60), rng, 25)
        draw.ellipse([cx + dx * s - 1.0 * s, cy + 0.2 * s, cx + dx * s + 1.0 * s, cy + 1.8 * s], fill=hill)


def _draw_building(draw, cx, cy, s, rng):
    colour = _any_colour(rng, 0.5)
    width = s * rng.uniform(0.45, 0.7)
    draw.rectangle([cx - width, cy - s, cx + width, cy + s], fill=colour)
    lit = _jitter(_pick(rng, [(250, 230, 120), (170, 210, 240), (60, 70, 90)]), rng)
    cols = 3 if width > 0.55 * s else 2
    for i in range(cols):
        for j in range(5):
            x = cx - width + (i + 0.5) * 2 * width / cols
            y = cy - 0.85 * s + j * 0.36 * s
            draw.rectangle([x - 0.1 * s, y, x + 0.1 * s, y + 0.2 * s], fill=lit)


def _draw_apple(draw, cx, cy, s, r, rng):
    colour = _jitter(_pick(rng, [(200, 30, 40), (120, 190, 60), (230, 190, 50)]), rng)
    _circle(draw, cx - 0.25 * r, cy, 0.8 * r, colour)
    _circle(draw, cx + 0.25 * r, cy, 0.8 * r, colour)
    draw.line([cx, cy - 0.7 * r, cx + 0.1 * r, cy - 1.1 * r], fill=(90, 60, 30), width=max(2, int(0.1 * r)))
    draw.ellipse([cx + 0.1 * r, cy - 1.15 * r, cx + 0.6 * r, cy - 0.85 * r], fill=(60, 150, 50))


def _draw_orange(draw, cx, cy, s, r, rng):
    colour = _jitter((235, 140, 30), rng)
    _circle(draw, cx, cy, r, colour)
    for k in range(12):  # peel dimples
        a = 2 * math.pi * k / 12
        _circle(draw, cx + 0.6 * r * math.cos(a), cy + 0.6 * r * math.sin(a), 0.05 * r, _darker(colour, 0.85))
    draw.ellipse([cx - 0.1 * r, cy - 1.05 * r, cx + 0.3 * r, cy - 0.85 * r], fill=(60, 140, 50))


def _draw_banana(draw, cx, cy, s, r, rng):
    colour = _jitter((240, 210, 60), rng)
    w = int(0.45 * r)
    box = [cx - 1.3 * r, cy - 1.6 * r, cx + 1.3 * r, cy + 0.9 * r]
    draw.arc(box, 20, 160, fill=colour, width=w)
    draw.arc(box, 20, 160, fill=_darker(colour, 0.7), width=max(2, w // 6))


def _draw_fruit(draw, cx, cy, s, rng):
    painter = _pick(rng, [_draw_apple, _draw_orange, _draw_banana])
    painter(draw, cx, cy, s, s * rng.uniform(0.55, 0.75), rng)


def _draw_mushroom(draw, cx, cy, s, rng):
    stalk = _jitter((240, 230, 210), rng)
    draw.rounded_rectangle([cx - 0.2 * s, cy - 0.1 * s, cx + 0.2 * s, cy + 0.8 * s], radius=0.1 * s, fill=stalk)
    cap = _jitter(_pick(rng, [(210, 40, 40), (150, 100, 60), (230, 150, 60)]), rng)
    draw.pieslice([cx - 0.8 * s, cy - 0.7 * s, cx + 0.8 * s, cy + 0.5 * s], 180, 360, fill=cap)
    for dx, dy in ((-0.4, -0.25), (0.1, -0.45), (0.45, -0.2)):
        _circle(draw, cx + dx * s, cy + dy * s, 0.09 * s, (250, 250, 250))


def _draw_umbrella(draw, cx, cy, s, rng):
    canopy = _any_colour(rng, 0.3)
    draw.line([cx, cy - 0.3 * s, cx, cy + 0.8 * s], fill=(60, 50, 40), width=int(0.06 * s))
    draw.arc([cx, cy + 0.6 * s, cx + 0.3 * s, cy + 0.95 * s], 0, 180, fill=(60, 50, 40), width=int(0.06 * s))
    draw.pieslice([cx - s, cy - 0.8 * s, cx + s, cy + 0.4 * s], 180, 360, fill=canopy)
    rim = cy - 0.2 * s
    for k in range(4):  # scalloped lower edge, cut out of the canopy
        x = cx - s + k * 0.5 * s
        draw.pieslice([x, rim - 0.12 * s, x + 0.5 * s, rim + 0.12 * s], 180, 360, fill=(0, 0, 0, 0))


NON_CAT_THINGS = [
    _draw_house, _draw_tree, _draw_car, _draw_flower, _draw_ball, _draw_mug,
    _draw_fish, _draw_bird, _draw_boat, _draw_sun_over_hills, _draw_building,
    _draw_fruit, _draw_mushroom, _draw_umbrella,
]


# ---------------------------------------------------------------------------
# Putting one picture together
# ---------------------------------------------------------------------------

def _draw_subject(is_cat, rng):
    """Draw the main subject on a transparent layer and tilt it slightly."""
    layer = Image.new("RGBA", (CANVAS, CANVAS), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    size = rng.uniform(*SUBJECT_HALF_SIZE)
    room = max(0.0, CANVAS / 2 - size) * POSITION_JITTER
    cx = CANVAS / 2 + rng.uniform(-room, room)
    cy = CANVAS / 2 + rng.uniform(-room, room)
    painter = _pick(rng, CAT_POSES if is_cat else NON_CAT_THINGS)
    painter(draw, cx, cy, size, rng)
    angle = rng.uniform(-MAX_TILT_DEGREES, MAX_TILT_DEGREES)
    return layer.rotate(angle, resample=Image.BICUBIC, center=(cx, cy))


def _finish(image, rng):
    """Shrink to the final size, then vary brightness and add pixel noise."""
    small = image.resize((IMAGE_SIZE, IMAGE_SIZE), Image.LANCZOS)
    pixels = 255.0 * (np.asarray(small, dtype=float) / 255.0) ** GAMMA
    pixels *= rng.uniform(*BRIGHTNESS_RANGE)
    pixels += rng.normal(0.0, NOISE_STD, size=pixels.shape)
    return np.clip(np.rint(pixels), 0, 255).astype(np.uint8)


def _draw_picture(is_cat, rng):
    """One 64x64x3 uint8 picture of a cat (``is_cat``) or of something else."""
    canvas = _draw_background(rng)
    canvas = canvas.convert("RGBA")
    canvas.alpha_composite(_draw_subject(is_cat, rng))
    return _finish(canvas.convert("RGB"), rng)


def _draw_split(n_cats, n_others, rng):
    labels = np.array([1] * n_cats + [0] * n_others, dtype=np.int64)
    labels = labels[rng.permutation(labels.size)]
    images = np.stack([_draw_picture(bool(label), rng) for label in labels])
    return images, labels


def draw_dataset():
    """Draw the whole cat / non-cat dataset.

    Returns a dict with ``train_set_x`` (209, 64, 64, 3) uint8,
    ``train_set_y`` (209,) int64 holding 72 cats (1) and 137 non-cats (0),
    ``test_set_x`` (50, 64, 64, 3) uint8 and ``test_set_y`` (50,) int64
    holding 33 cats and 17 non-cats.  The result is the same on every call.
    """
    rng = np.random.default_rng(SEED)
    train_x, train_y = _draw_split(TRAIN_CATS, TRAIN_OTHERS, rng)
    test_x, test_y = _draw_split(TEST_CATS, TEST_OTHERS, rng)
    return {
        "train_set_x": train_x,
        "train_set_y": train_y,
        "test_set_x": test_x,
        "test_set_y": test_y,
    }
