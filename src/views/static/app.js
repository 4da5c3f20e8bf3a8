// DinkyDash's small client script. Pages work without it; it only adds comfort.
