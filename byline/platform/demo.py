"""The demo platform: three blogs, four writers, dozens of posts, written by a generator.

Every sentence is written here, in one voice per blog, and a generator combines them
into posts, so nothing is copied from elsewhere; a fixed random seed makes every demo
platform the same.
"""

from __future__ import annotations

import datetime
import random

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from byline.accounts.models import User
from byline.blogs.models import Blog, Membership
from byline.comments.models import Comment
from byline.posts.models import Category, Post, Tag
from byline.social import demo as social_demo

DEMO_PASSWORD = "byline-demo"  # noqa: S105 - printed for the person trying the demo

WRITERS = [
    ("alice", "Alice Moreau", "Keeps field notes on walking, weather and small towns."),
    ("bob", "Bob Okafor", "Cooks for friends and writes down what worked."),
    ("carol", "Carol Lindqvist", "Watches the sky from a balcony with a small telescope."),
    ("dave", "Dave Pereira", "Edits, proofreads and occasionally writes."),
]

BLOGS = [
    {
        "slug": "demo", "title": "Field Notes", "owner": "alice", "editor": "dave",
        "tagline": "Walking, weather and the towns in between",
        "time_zone": "Europe/Paris", "home_shows": "excerpt",
        "categories": {"Walks": ["Coast", "Hills"], "Weather": [], "Towns": []},
        "tags": ["rain", "maps", "boots", "harbour", "bridges", "markets", "dawn", "fog"],
        "subjects": ["the coast path", "a hill village", "the old harbour", "a market square",
                     "the river bridge", "a morning fog", "the ridge above town", "a late train"],
    },
    {
        "slug": "kitchen-table", "title": "The Kitchen Table", "owner": "bob", "editor": "alice",
        "tagline": "Recipes that survived a dinner party", "time_zone": "America/New_York",
        "home_shows": "full",
        "categories": {"Recipes": ["Soups", "Bread"], "Notes": []},
        "tags": ["winter", "quick", "vegetarian", "sourdough", "leftovers", "spice"],
        "subjects": ["a lentil soup", "a slow sourdough", "roast squash", "a lemon cake",
                     "a pot of beans", "a green curry", "flatbread", "an apple tart"],
    },
    {
        "slug": "night-sky", "title": "Balcony Astronomy", "owner": "carol", "editor": None,
        "tagline": "What you can see from a city balcony", "time_zone": "Asia/Tokyo",
        "home_shows": "excerpt",
        "categories": {"Observing": ["Planets", "Moon"], "Gear": []},
        "tags": ["jupiter", "saturn", "moon", "binoculars", "light-pollution", "clouds"],
        "subjects": ["Jupiter's moons", "the first quarter moon", "Saturn's rings",
                     "a double star", "the Pleiades", "a passing satellite", "Venus at dusk",
                     "a lunar crater"],
    },
]  # fmt: skip

# Each blog writes in its own voice: a post is one opener, a handful of sentences drawn
# without repeats, a short list, a quotation and a closing line, all from these lists.
# "{s}" is the post's subject.
VOICES = {
    "demo": {
        "titles": [
            "Notes on {s}",
            "Back to {s}",
            "Second look at {s}",
            "Field note: {s}",
            "A wet week and {s}",
            "Walking out to {s}",
        ],
        "openers": [
            "I set out early for {s}, with a flask of coffee and no particular plan.",
            "Every season I come back to {s}, and every time it has changed a little.",
            "A reader asked me about {s}, so here is the long answer.",
            "This is a short note about {s}, written the same evening with my boots still on.",
            "The forecast promised rain all day, which is often the best time for {s}.",
            "I had gone past {s} for years before I stopped and really looked.",
        ],
        "sentences": [
            "The light was flat and grey at first, then it opened up all at once.",
            "A neighbour stopped to tell me how it used to be, which was better than any guide.",
            "What surprised me most was how quiet it was once I stopped moving.",
            "The paper map and the phone disagreed by half a kilometre, and the map was right.",
            "Gulls argued over something on the wall while a dog watched them very seriously.",
            "The bakery on the corner opens at seven, and by eight the good bread is gone.",
            "Wet stone smells different from dry stone, and you only notice it walking slowly.",
            "Two old men were repainting a boat in a blue that did not exist a week ago.",
            "The wind turned around midday and brought the smell of cut grass up the valley.",
            "I counted eleven kinds of gate on the way, and only three of them opened easily.",
            "Someone had chalked the tide times on a board by the steps, in careful capitals.",
            "The church clock runs four minutes fast, as it has for as long as anyone remembers.",
            "By the time I turned back, the fog had lifted and the whole bay was suddenly there.",
            "A school group passed me going the other way, every one of them in a yellow coat.",
        ],
        "list_heading": "What I noticed",
        "notes": [
            "Good boots matter more than a good jacket.",
            "The steep path is shorter but slower.",
            "The café by the station takes cash only.",
            "Fog burns off sooner on the south side.",
            "Market day is Thursday, not Saturday.",
            "The bridge is closed to cars but open to walkers.",
            "Most benches face the sea; one faces the hills.",
            "Carry water: the fountain in the square is dry.",
        ],
        "quotes": [
            '"You should have seen it before the new road," the woman at the post office said.',
            '"Walk it twice," my father used to say, "once to get there and once to see it."',
            '"Nobody comes here in winter," said the man at the bus stop, "which is the point."',
            '"The weather here changes its mind more often than I do," a fisherman told me.',
        ],
        "closers": [
            "I will go back next month and see what has changed.",
            "If you walk it, tell me how it went for you.",
            "That is all for now; the next note will be shorter, I promise.",
            "More soon, weather permitting.",
        ],
    },
    "kitchen-table": {
        "titles": [
            "Notes on {s}",
            "Making {s}",
            "Another go at {s}",
            "Cooking {s} for friends",
            "What I learned from {s}",
            "Saturday: {s}",
        ],
        "openers": [
            "I cooked {s} for six people on Saturday, and nobody left anything on the plate.",
            "{s} is what I make when I have no plan and a little time.",
            "A friend asked for my notes on {s}, so here they are, tidied up a little.",
            "This is the third time I have written about {s}, and I keep changing my mind.",
            "Winter is long, and {s} is one of the ways I get through it.",
            "I promised myself I would get {s} right before the end of the month.",
        ],
        "sentences": [
            "Salt early and taste often; the rest is mostly patience.",
            "I used what was in the cupboard, which is the only honest way to test a recipe.",
            "The first attempt was too sweet, so the second had half the sugar and more lemon.",
            "A heavy pot helps, but I have made this in a thin one and lived to tell the tale.",
            "Everyone at the table had an opinion about the garlic, and they were all wrong.",
            "It keeps for three days in the fridge and tastes better on the second.",
            "Warm the spices in a dry pan until the kitchen smells of them, then stop.",
            "Everything takes longer in the pan than the recipe admits, so start early.",
            "I wrote the quantities on the back of an envelope, which is now slightly stained.",
            "My oven runs hot, so I check ten minutes before the time I wrote down.",
            "The leftovers went into lunch boxes, and one came back empty with a note in it.",
            "A splash of vinegar at the end wakes the whole thing up.",
            "My grandmother would have added more butter, and she would have been right.",
            "I served it with bread and a plain green salad, and that was plenty.",
        ],
        "list_heading": "What worked",
        "notes": [
            "Weigh the flour; cups lie.",
            "Rest the dough longer than you think.",
            "Season at the end, not only at the start.",
            "A lid saves time and gas.",
            "Double the batch and freeze half.",
            "Soak the beans overnight, or cook them longer.",
            "Warm the plates.",
            "Write down what you changed.",
        ],
        "quotes": [
            '"Is there more?" is the only review that counts.',
            '"Cook it until it smells done," my aunt says, and she is never wrong.',
            '"Next time, more lemon," said the friend who always says that.',
            '"You can always add salt," my first cookbook said, "and never take it out."',
        ],
        "closers": [
            "If you cook it, tell me what you changed.",
            "Next week: something with whatever is left in the fridge.",
            "That is the recipe for now, until I change my mind again.",
            "Wash up as you go; you will thank yourself later.",
        ],
    },
    "night-sky": {
        "titles": [
            "Observing {s}",
            "A night with {s}",
            "Notes on {s}",
            "Another look at {s}",
            "Log: {s}",
            "Finding {s} from the city",
        ],
        "openers": [
            "Last night the clouds finally cleared long enough for {s}.",
            "I have been waiting weeks for a good look at {s} from the balcony.",
            "{s} is easier to find than most people think, even from the middle of a city.",
            "A reader asked whether {s} is worth a look without a big telescope. It is.",
            "This is a quick observing log for {s}, written before I forgot the details.",
            "I stayed up far too late for {s}, and I would do it again.",
        ],
        "sentences": [
            "The street lights go off at one in the morning, and the sky gets darker at once.",
            "I gave my eyes twenty minutes to adjust, and the faint stars slowly came out.",
            "Ordinary binoculars braced on the railing showed more than I expected.",
            "A thin cloud drifted through and turned the whole view milky for ten minutes.",
            "The neighbour's cat came out to keep me company and sat on the star chart.",
            "The air was unsteady, so the view shimmered like something at the bottom of a pool.",
            "I sketched what I saw on an index card, with the time and temperature in a corner.",
            "A small telescope on a cheap mount is still a small telescope, and that is fine.",
            "Looking slightly to one side helps: the faint things appear when you stop staring.",
            "By two in the morning my hands were cold and the eyepiece had started to fog.",
            "An aircraft crossed the view and made me jump, which happens more than I admit.",
            "The same view from a dark field would be better, but the balcony is where I am.",
            "I read my notes by red light so I would not lose my night vision.",
            "Half an hour later the view had changed: the sky turns whether you watch or not.",
        ],
        "list_heading": "What I saw",
        "notes": [
            "Let the telescope cool outside first.",
            "Check the forecast for cloud, not only rain.",
            "A reclining chair beats standing.",
            "Red light only, after dark.",
            "Write the time down in UTC.",
            "Binoculars first, telescope second.",
            "The moon washes out faint things.",
            "Dress for two degrees colder than the forecast.",
        ],
        "quotes": [
            '"Is that a star or a plane?" my neighbour asked. It was a satellite.',
            '"The sky is the same for everyone," a club member told me, "only the lamps differ."',
            '"Patience is the best eyepiece," says the old manual on my shelf.',
            '"Look up more often," my daughter wrote on the box of the telescope.',
        ],
        "closers": [
            "Clear skies until next time.",
            "If you saw it too, tell me what it looked like from where you are.",
            "Next on the list, if the clouds allow: something fainter.",
            "That is the log for tonight; the kettle is calling.",
        ],
    },
}


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:]


def _title(rng: random.Random, voice: dict, subject: str, taken: set[str]) -> str:
    """Return a title for subject that no earlier post of the blog has."""
    shapes = [shape for shape in voice["titles"] if _sentence(shape.format(s=subject)) not in taken]
    title = _sentence(rng.choice(shapes or voice["titles"]).format(s=subject))
    taken.add(title)
    return title


def _body(rng: random.Random, voice: dict, subject: str) -> str:
    """Return a post of a few paragraphs, a list and a quotation, no sentence twice."""
    sentences = rng.sample(voice["sentences"], rng.randint(6, 9))
    paragraphs = [_sentence(rng.choice(voice["openers"]).format(s=subject))]
    while sentences:
        size = min(len(sentences), rng.randint(2, 3))
        paragraphs.append(" ".join(sentences[:size]))
        sentences = sentences[size:]
    notes = "\n".join(f"- {note}" for note in rng.sample(voice["notes"], 3))
    paragraphs.insert(2, f"## {voice['list_heading']}\n\n{notes}")
    paragraphs.insert(-1, f"> {rng.choice(voice['quotes'])}")
    paragraphs.append(rng.choice(voice["closers"]))
    return "\n\n".join(paragraphs)


def is_empty() -> bool:
    return not Blog.objects.exists()


@transaction.atomic
def seed(posts_per_blog: int = 12) -> None:
    """Create the demo platform. Call only on an empty database."""
    rng = random.Random(2026)  # noqa: S311 - demo text, not secrets
    users = {}
    for username, name, bio in WRITERS:
        user = User.objects.create_user(
            username, f"{username}@demo.byline.invalid", DEMO_PASSWORD,
            display_name=name, bio=bio,
        )  # fmt: skip
        # A verified address, so the demo writers log in without an email round trip.
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        users[username] = user
    users["alice"].is_staff = users["alice"].is_superuser = True
    users["alice"].save()

    now = timezone.now()
    talk = random.Random(7)  # noqa: S311 - its own stream, so the posts' text never shifts
    for spec in BLOGS:
        owner = users[spec["owner"]]
        blog = Blog.objects.create(
            slug=spec["slug"], title=spec["title"], tagline=spec["tagline"], owner=owner,
            time_zone=spec["time_zone"], home_shows=spec["home_shows"],
        )  # fmt: skip
        Membership.objects.create(blog=blog, user=owner, role=Membership.Role.ADMINISTRATOR)
        writers = [owner]
        if spec["editor"]:
            editor = users[spec["editor"]]
            Membership.objects.create(blog=blog, user=editor, role=Membership.Role.EDITOR)
            writers.append(editor)

        categories = []
        for name, children in spec["categories"].items():
            parent = Category.objects.create(blog=blog, name=name)
            categories.append(parent)
            categories += [Category.objects.create(blog=blog, name=c, parent=parent)
                           for c in children]  # fmt: skip
        tags = [Tag.objects.create(blog=blog, name=t) for t in spec["tags"]]

        voice, titles = VOICES[spec["slug"]], set()
        for i in range(posts_per_blog):
            subject = spec["subjects"][i % len(spec["subjects"])]
            title = _title(rng, voice, subject, titles)
            status = Post.Status.PUBLISHED
            published_at = now - datetime.timedelta(days=3 * i + 1, hours=rng.randint(0, 20))
            if i == posts_per_blog - 1:
                status = Post.Status.PRIVATE
            post = Post.objects.create(
                blog=blog, author=writers[i % len(writers)], title=title,
                body_markdown=_body(rng, voice, subject), status=status, published_at=published_at,
                sticky=(i == 4),
            )  # fmt: skip
            post.categories.set(rng.sample(categories, 2))
            post.tags.set(rng.sample(tags, 3))
            if status == Post.Status.PUBLISHED:
                _discuss(talk, post, held=(i == 0))

        Post.objects.create(
            blog=blog, author=owner, title="An unfinished draft", status=Post.Status.DRAFT,
            body_markdown="Only the blog's members can see this.",
        )  # fmt: skip
        Post.objects.create(
            blog=blog, author=owner, title="Coming next week", status=Post.Status.SCHEDULED,
            published_at=now + datetime.timedelta(days=7),
            body_markdown="This post publishes itself at its time.",
        )  # fmt: skip
        about = Post.objects.create(
            blog=blog, author=owner, kind=Post.Kind.PAGE, title="About", slug="about",
            status=Post.Status.PUBLISHED, published_at=now - datetime.timedelta(days=60),
            body_markdown=_about(spec, users),
        )  # fmt: skip
        Post.objects.create(
            blog=blog, author=owner, kind=Post.Kind.PAGE, title="Colophon", slug="colophon",
            parent=about, status=Post.Status.PUBLISHED, published_at=about.published_at,
            body_markdown="Written in Markdown and published with Byline.",
        )  # fmt: skip

    # Readers' accounts, likes, follows, notifications and a month of views (issue #5).
    social_demo.seed(users)


READERS = [
    ("Maya Lindgren", "maya@readers.byline.invalid", "https://maya.example"),
    ("Tomás Reyes", "tomas@readers.byline.invalid", ""),
    ("Ines Okoro", "ines@readers.byline.invalid", "https://ines.example"),
    ("Sam Whitfield", "sam@readers.byline.invalid", ""),
]
REMARKS = [
    "This made me want to go and see it for myself.",
    "I tried this last week, and the second part was the hard bit for me too.",
    "Lovely write-up. How long did the whole thing take you?",
    "I had never thought of it that way before.",
    "Saving this one for the weekend.",
    "The detail about the light is exactly right.",
]
ANSWERS = [
    "Thank you! About half a day, with stops.",
    "Glad it helped. Tell me how it goes.",
    "Same here, the first time. It gets easier.",
]


def _discuss(rng: random.Random, post: Post, *, held: bool) -> None:
    """Give a post a few readers' comments, a reply from its writer, and maybe one held."""
    when = post.published_at
    for n in range(rng.randint(0, 4)):
        name, email, url = rng.choice(READERS)
        when += datetime.timedelta(hours=rng.randint(1, 30))
        comment = Comment.objects.create(
            post=post, author_name=name, author_email=email, author_url=url,
            content=rng.choice(REMARKS), status=Comment.Status.APPROVED, created_at=when,
        )  # fmt: skip
        if n == 0:
            Comment.objects.create(
                post=post, parent=comment, user=post.author, author_name=post.author.public_name,
                author_email=post.author.email, content=rng.choice(ANSWERS),
                status=Comment.Status.APPROVED, created_at=when + datetime.timedelta(hours=2),
            )  # fmt: skip
    if held:
        Comment.objects.create(
            post=post, author_name="First Timer", author_email="first@readers.byline.invalid",
            content="My first comment here: it waits for the writer's approval.",
            status=Comment.Status.PENDING, created_at=when + datetime.timedelta(hours=1),
        )  # fmt: skip


def _about(spec: dict, users: dict[str, User]) -> str:
    owner = users[spec["owner"]]
    text = f"{spec['title']} is written by {owner.public_name}, who {_lower(owner.bio)}"
    if spec["editor"]:
        text += f" {users[spec['editor']].public_name} reads every post before it goes out."
    return f"{text}\n\n{spec['tagline']}: that is the whole plan."


def _lower(text: str) -> str:
    return text[0].lower() + text[1:]


def sign_in_help(base_url: str) -> str:
    """Return what `byline demo` prints: the demo blogs and how to sign in as their writers."""
    lines = ["The demo blogs:"]
    lines += [f"  {spec['title']}: {base_url}/{spec['slug']}/" for spec in BLOGS]
    lines += [
        "",
        f"Sign in at {base_url}/accounts/login/ as a demo writer, password {DEMO_PASSWORD}:",
    ]
    for username, name, _ in WRITERS:
        roles = [f"owns {b['title']}" for b in BLOGS if b["owner"] == username]
        roles += [f"edits {b['title']}" for b in BLOGS if b["editor"] == username]
        lines.append(f"  {username} ({name}): {', '.join(roles) or 'a reader'}")
    lines.append(f"Writers run their blogs from {base_url}/dashboard/.")
    lines.append(f"alice is also the platform administrator, at {base_url}/admin/.")
    return "\n".join(lines)
