"""User settings API: profile, preferences and password change for signed-in users."""
import os
import secrets
from typing import Literal
from zoneinfo import available_timezones

from fastapi import Depends, FastAPI, HTTPException, status
from fastapi.security import OAuth2PasswordBearer
from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlmodel import Field as Column, Session, SQLModel, create_engine, select
from werkzeug.security import check_password_hash, generate_password_hash

engine = create_engine(os.environ.get("SETTINGS_DB_URL", "sqlite:///settings.db"))
app = FastAPI(title="Settings")
oauth2 = OAuth2PasswordBearer(tokenUrl="/token")
TIMEZONES = available_timezones()


class User(SQLModel, table=True):
    id: int | None = Column(default=None, primary_key=True)
    email: str = Column(unique=True, index=True)
    password_hash: str
    display_name: str = ""
    timezone: str = "UTC"
    theme: str = "light"
    weekly_digest: bool = True
    is_admin: bool = False
    api_token: str = Column(index=True)


def init_db():
    SQLModel.metadata.create_all(engine)


def get_session():
    with Session(engine) as s:
        yield s


def current_user(token: str = Depends(oauth2), s: Session = Depends(get_session)) -> User:
    user = s.exec(select(User).where(User.api_token == token)).first()
    if user is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token")
    return user


class SettingsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    display_name: str | None = Field(None, max_length=60)
    timezone: str | None = None
    theme: Literal["light", "dark", "system"] | None = None
    weekly_digest: bool | None = None

    @field_validator("timezone")
    @classmethod
    def known_zone(cls, v):
        if v is not None and v not in TIMEZONES:
            raise ValueError("unknown time zone")
        return v


class PasswordIn(BaseModel):
    current_password: str
    new_password: str = Field(min_length=10, max_length=128)


class SignUp(BaseModel):
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=254)
    password: str = Field(min_length=10, max_length=128)


@app.post("/signup", status_code=201)
def signup(body: SignUp, s: Session = Depends(get_session)):
    if s.exec(select(User).where(User.email == body.email.lower())).first():
        raise HTTPException(status.HTTP_409_CONFLICT, "email already registered")
    user = User(email=body.email.lower(), password_hash=generate_password_hash(body.password),
                api_token=secrets.token_urlsafe(32))
    s.add(user)
    s.commit()
    return {"token": user.api_token}


@app.get("/me/settings")
def read_settings(user: User = Depends(current_user)):
    return {"email": user.email, "display_name": user.display_name, "timezone": user.timezone,
            "theme": user.theme, "weekly_digest": user.weekly_digest}


@app.patch("/me/settings")
def update_settings(body: SettingsIn, user: User = Depends(current_user),
                    s: Session = Depends(get_session)):
    for key, value in body.model_dump(exclude_unset=True).items():
        setattr(user, key, value)
    s.add(user)
    s.commit()
    s.refresh(user)
    return read_settings(user)


@app.post("/me/password", status_code=204)
def change_password(body: PasswordIn, user: User = Depends(current_user),
                    s: Session = Depends(get_session)):
    if not check_password_hash(user.password_hash, body.current_password):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "current password is wrong")
    user.password_hash = generate_password_hash(body.new_password)
    user.api_token = secrets.token_urlsafe(32)  # sign out other sessions
    s.add(user)
    s.commit()
